/**
 * Publication dates as `YYYY-MM-DD`. ISO strings are read directly (keeping the date as written, never shifted
 * to another time zone); everything else goes through chrono-node's strict parser, which only accepts
 * complete dates, so "June" or "on Friday" never become a publication date.
 */
import * as chrono from "chrono-node";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/;
/** "2019/11/19", "2019.11.19": year first, so never ambiguous (day-first forms are left to chrono). */
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|[T\s,])/;
/** Words that may stand before a date on a date line ("Published: June 3, 2024"). */
const DATE_LINE_PREFIX =
  /^(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|date|dated|released|issued|modified)\s*[:\-–—]?\s*/i;

/** What may stand around the dates of a date line: separators, times, zones, "Updated", "Original"… */
const DATE_LINE_LABELS =
  /\b(?:at|on|updated|original|published|posted|modified|first|last|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|[ap]\.?m\.?)(?![\p{L}])/giu;
/** Time zones ("ET", "KST", "GMT+9"): upper case only, so that no ordinary word goes as one. */
const DATE_LINE_ZONES = /\b(?:[A-Z]{2,5}|GMT[+-]?\d*|UTC[+-]?\d*)\b/g;
const DATE_LINE_PUNCTUATION = /[\s,.|·•/\-–—()]/g;

/** A year chrono could read as certain: 1800–2099, or the two-digit year of a numeric date ("05/10/18"). */
const HAS_YEAR = /(?:^|\D)(?:1[89]|20)\d{2}(?!\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?!\d)/;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

/** A complete date anywhere in `text` (its first), or null. */
export function parseDate(text: string): string | null {
  const value = text.trim();
  const iso = ISO_DATE.exec(value) ?? YEAR_FIRST.exec(value);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return valid(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  // A complete date has a year in digits: no chrono pass over text without one.
  if (value.length > 200 || !HAS_YEAR.test(value)) return null;
  for (const result of chrono.strict.parse(value, new Date(Date.UTC(2000, 0, 1)))) {
    const start = result.start;
    if (!start.isCertain("year") || !start.isCertain("month") || !start.isCertain("day")) continue;
    const [y, m, d] = [start.get("year") ?? 0, start.get("month") ?? 0, start.get("day") ?? 0];
    if (valid(y, m, d)) return `${y}-${pad(m)}-${pad(d)}`;
  }
  return null;
}

/**
 * When the whole line is a date (optionally with a "Published:" label, a weekday and a time), the date; else
 * null. A sentence that merely contains a date is not a date line.
 */
export function parseDateLine(line: string): string | null {
  const value = line.trim().replace(DATE_LINE_PREFIX, "");
  if (value.length === 0 || value.length > 100 || !HAS_YEAR.test(value)) return null;
  const iso = ISO_DATE.exec(value);
  if (iso && value.length <= 30) return parseDate(value);
  const results = chrono.strict.parse(value, new Date(Date.UTC(2000, 0, 1)));
  const first = results[0];
  if (!first) return null;
  // The dates must cover nearly all of the line ("June 3, 2024 | 4:20am | Updated June 3, 2024 | 9:32pm"):
  // what is left may only be punctuation, times, time zones and update labels.
  let rest = "";
  let at = 0;
  for (const r of results) {
    rest += value.slice(at, r.index);
    at = r.index + r.text.length;
  }
  rest = (rest + value.slice(at))
    .replace(DATE_LINE_LABELS, "")
    .replace(DATE_LINE_ZONES, "")
    .replace(DATE_LINE_PUNCTUATION, "");
  if (rest.length > 3) return null;
  return parseDate(first.text);
}

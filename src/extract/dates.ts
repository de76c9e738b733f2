/**
 * Date expressions resolved against the publication date with chrono-node. News reports mostly look back,
 * so bare weekdays and months resolve to the past ("on Friday" in a Sunday article = the Friday before),
 * except when the phrase itself points ahead ("next", "later this month", "through").
 */
import * as chrono from "chrono-node";
import type { DateMention } from "../types.js";

const MONTH_ONLY =
  /^(?:in|by|since|until|late|early|mid|last)?\s*(?:late|early|mid-?)?\s*(January|February|March|April|May|June|July|August|September|October|November|December)(\s+\d{4})?$/i;
const FORWARD = /\b(next|later|coming|upcoming|through|until|tomorrow)\b/i;
/**
 * "a week after", "two days before", "a month later": a span counted from another event ("a week after Seoul
 * said …"), which chrono counts from the publication date instead.
 */
const FROM_EVENT = /\b(?:after|before|later|earlier)$/i;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * A Juche-era year after a date, as KCNA writes it: "One day in April Juche 50 (1961)", "February 15, Juche
 * 63 (1974)". Juche 1 is 1912; the Gregorian year in brackets, when given, is taken as written.
 */
const JUCHE = /^,?\s*Juche\s+(\d{1,3})(?:\s*\((\d{4})\))?/;
/**
 * How long, not when: "a senator for 34 years", "the first such win in 60 years". A span "in" days, weeks or
 * months ahead is a date ("in two weeks"); one of years is almost always a duration.
 */
const DURATION =
  /^(?:for\s+(?:the\s+)?(?:past\s+|last\s+|next\s+)?(?:\d+|[a-z]+)\s+(?:years?|months?|weeks?|days?|hours?|decades?)|in\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\d+|[a-z]+)\s+(?:years|decades))$/i;
/** "for the first time in several years", "a few days": how long is not said. */
const VAGUE = /\b(?:several|a few|few|many|some)\s+(?:years|months|weeks|days|hours|decades)\b/i;
/** "August last year": a month the words right after place in a year relative to publication. */
const RELATIVE_YEAR = /^,?\s+(last|this|next)\s+year\b/i;
/** "the night of February 15": a part of a day chrono reads alone, before the date it belongs to. */
const PART_OF_DAY_OF = /^(?:the\s+)?(?:night|morning|evening|afternoon|dawn|eve|day)\s+of\s+/i;
/** Month and weekday abbreviations, the stems of their names. */
const ABBREVIATIONS =
  "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
/**
 * Words that make a phrase a date: a digit, a month or weekday, or a relative word. Chrono also reads "in the
 * year", "night" or "in a few hours" in a story's narration; with none of these they are no date.
 */
const DATE_WORD = new RegExp(
  `\\d|\\b(?:${ABBREVIATIONS})[a-z]*\\b|\\b(?:ago|last|this|next|yesterday|today|tomorrow|tonight|days?|hours?|weeks?|weekend|months?|years?|decades?|century)\\b`,
  "i",
);
/** Weekday or month abbreviations in lower case: "sat down", "the sun", "wed" are words, not dates. */
const LOWER_ABBREVIATION = new RegExp(`^(?:${ABBREVIATIONS})$`);

/**
 * Phrases chrono reads as dates that are none: an abbreviation inside a name ("Kim Jong Sun, department
 * director"), a clock time alone ("1:03 P.M. EDT" atop a transcript), a phrase with no date word ("night", "in
 * the year"), a lower-case abbreviation ("sat down") and a duration ("for 34 years").
 */
function noDate(body: string, r: chrono.ParsedResult, text: string): boolean {
  const lead = /(\p{Lu}[\p{L}-]*)\s+$/u.exec(body.slice(Math.max(0, r.index - 20), r.index))?.[1] ?? "";
  if (
    /^[A-Z][a-z]{2,3}$/.test(text) &&
    LOWER_ABBREVIATION.test(text.toLowerCase()) &&
    text !== "May" &&
    lead &&
    !/^(?:in|on|since|until|by|from|last|next|this|early|late|mid|and|or|to|through)$/i.test(lead)
  )
    return true;
  const someDate = (["year", "month", "day", "weekday"] as const).some((k) => r.start.isCertain(k));
  if (!someDate && r.start.isCertain("hour") && !DATE_WORD.test(text.replace(/\d/g, ""))) return true;
  const t = text.trim();
  return (
    !DATE_WORD.test(t) || LOWER_ABBREVIATION.test(t) || /^(?:in\s+)?the\s+year$/i.test(t) || DURATION.test(t)
  );
}

export function findDates(body: string, published: string | null): DateMention[] {
  const out: DateMention[] = [];
  const ref = published ? new Date(`${published}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  const results = chrono.en.casual.parse(body, { instant: ref, timezone: 0 }, { forwardDate: false });
  let covered = 0;
  for (const found of results) {
    let r = found;
    if (r.index < covered) continue;
    // "the night of February 15": chrono reads the night and drops the date; read the date instead.
    const partOfDay = PART_OF_DAY_OF.exec(r.text);
    if (partOfDay) {
      const at = r.index + partOfDay[0].length;
      const again = chrono.en.casual.parse(body.slice(at, at + 40), { instant: ref, timezone: 0 })[0];
      if (again && again.index === 0) r = Object.assign(again, { index: at });
    }
    // "December 24 " before "(KCNA)", "October," : the phrase without the space or comma after it.
    let text = r.text.replace(/[\s,;]+$/, "");
    if (/^\d{1,2}$/.test(text.trim()) || /^(now|today)$/i.test(text.trim())) continue;
    if (noDate(body, r, text)) continue;
    const after = body.slice(r.index + text.length, r.index + text.length + 24);
    const juche = JUCHE.exec(after);
    const relYear = juche ? null : RELATIVE_YEAR.exec(after);
    const monthAlone =
      !r.start.isCertain("day") && !r.start.isCertain("weekday") && r.start.isCertain("month");
    if (juche || (relYear && monthAlone)) text += (juche ?? relYear)?.[0] ?? "";
    covered = r.index + text.length;
    const explicitYear = (r.start.isCertain("year") && /\b\d{4}\b/.test(text)) || juche !== null;
    const unresolved = (note: string) =>
      out.push({ text, start: r.index, end: r.index + text.length, resolved: null, note });
    if (FROM_EVENT.test(text.trim()) && !/\b\d{4}\b/.test(text)) {
      unresolved("counted from another event, not from the publication date");
      continue;
    }
    if (VAGUE.test(text)) {
      unresolved("too vague: a span of no stated length");
      continue;
    }
    if (!published && !explicitYear) {
      unresolved("no publication date to resolve against");
      continue;
    }
    const offsets: Record<string, number> = { last: -1, this: 0, next: 1 };
    const relative = relYear && monthAlone ? (offsets[relYear[1]?.toLowerCase() ?? ""] ?? null) : null;
    const year = juche
      ? Number(juche[2] ?? 1911 + Number(juche[1]))
      : relative !== null
        ? ref.getUTCFullYear() + relative
        : (r.start.get("year") ?? ref.getUTCFullYear());
    const month = r.start.get("month") ?? 1;
    let day = r.start.get("day") ?? 1;
    let y = year;
    let mo = month;
    const before = body.slice(Math.max(0, r.index - 12), r.index);
    const context = `${before} ${text}`;
    const monthOnly = MONTH_ONLY.test(text.trim()) && !r.start.isCertain("day");
    const hasDay = r.start.isCertain("day") || r.start.isCertain("weekday");
    if (!explicitYear && relative === null && published) {
      const pub = new Date(`${published}T12:00:00Z`);
      let d = new Date(Date.UTC(y, mo - 1, day, 12));
      const forward = FORWARD.test(context);
      if (r.start.isCertain("weekday") && !r.start.isCertain("day")) {
        // Chrono may pick the coming weekday; news lean to the past unless the phrase says otherwise.
        while (!forward && d > pub) d = new Date(d.getTime() - 7 * 86400000);
        while (forward && d < pub) d = new Date(d.getTime() + 7 * 86400000);
      } else if (!forward && d.getTime() - pub.getTime() > 45 * 86400000) {
        d = new Date(Date.UTC(y - 1, mo - 1, day, 12));
      }
      y = d.getUTCFullYear();
      mo = d.getUTCMonth() + 1;
      day = d.getUTCDate();
    }
    let resolved: string;
    if (monthOnly || (!hasDay && r.start.isCertain("month"))) resolved = `${y}-${pad(mo)}`;
    // "last year", "18 years ago", "this year", "in 2023": the year is all the phrase says.
    else if (!hasDay && !r.start.isCertain("month") && (explicitYear || r.start.isCertain("year")))
      resolved = `${y}`;
    else resolved = `${y}-${pad(mo)}-${pad(day)}`;
    if (/later this month|this month/i.test(context)) resolved = `${y}-${pad(mo)}`;
    out.push({ text, start: r.index, end: r.index + text.length, resolved, note: null });
  }
  return out;
}

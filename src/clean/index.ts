/**
 * Clean: RawDocument → Article. Pure. Plain text goes through the header/boilerplate rules of text.ts, HTML
 * through html.ts; hints from the container (JSON fields, feed items) win for title, url, date and outlet.
 */
import { unglueNames } from "./glued-names.js";
import type { Article, PublishedFrom, RawDocument, RemovedText } from "../types.js";
import { parseDate, parseDateLine } from "./dates.js";
import { matchByline, matchClaimedSource, titleKey } from "./header.js";
import { extractHtml } from "./html.js";
import { articleId } from "./id.js";
import { guessLanguage } from "./language.js";
import { wordCount } from "./paragraphs.js";
import { cleanPlainText, datelineOf, fallbackTitle } from "./text.js";

export { articleId } from "./id.js";
export { parseDate, parseDateLine } from "./dates.js";
export { extractHtml } from "./html.js";
export { cleanPlainText } from "./text.js";
export { guessLanguage } from "./language.js";
export { LINE_PATTERNS, DATELINES, CLAIMED_SOURCE, BYLINE } from "./patterns.js";

interface Draft {
  title: string | null;
  section: string | null;
  published: string | null;
  publishedFrom: PublishedFrom;
  outlet: string | null;
  claimedSource: string | null;
  dateline: string | null;
  byline: string | null;
  language: string | null;
  url: string | null;
  paragraphs: string[];
  removed: RemovedText[];
}

function fromHtml(raw: RawDocument): Draft {
  // Feed items and JSON fields carry the article body itself, not a whole page.
  const fragment = raw.kind === "feed" || raw.kind === "json" || raw.kind === "jsonl";
  const { meta, paragraphs, removed } = extractHtml(raw.content, raw.hints.url ?? null, { fragment });
  // Byline and date paragraphs at the top of the body ("By Jane Roe", "March 12, 2025") are metadata.
  // So are the title repeated, the site's name, the page's own URL and "By X | June 3, 2024" lines.
  let body = paragraphs;
  let byline = meta.byline;
  const titleKeyOf = meta.title ? titleKey(meta.title) : null;
  while (body.length > 1) {
    const first = body[0] ?? "";
    const head = headLine(first, meta.byline);
    if (head.byline) byline ??= head.byline;
    if (head.date && !meta.published) [meta.published, meta.publishedFrom] = [head.date, "first-line"];
    if (head.reason) removed.push({ text: first, reason: head.reason });
    else if (titleKeyOf && titleKey(first) === titleKeyOf)
      removed.push({ text: first, reason: "repeated-title" });
    else if (/^https?:\/\/\S+$/.test(first)) removed.push({ text: first, reason: "other" });
    else if (meta.outlet && wordCount(first) <= 6 && sameOutlet(first, meta.outlet))
      removed.push({ text: first, reason: "site-name" });
    else break;
    body = body.slice(1);
  }
  // A line naming another outlet as the source, at the top or the end of the body ("- Reuters.com").
  let claimedSource = meta.claimedSource;
  for (const index of [0, body.length - 1]) {
    const line = body[index];
    const claimed = line !== undefined && body.length > 1 ? matchClaimedSource(line) : null;
    if (claimed) {
      claimedSource ??= claimed;
      removed.push({ text: line ?? "", reason: "claimed-source" });
      body = body.filter((_, i) => i !== index);
      break;
    }
  }
  const { dateline, date, agency } = datelineOf(body);
  claimedSource ??= agency;
  let { published, publishedFrom } = meta;
  if (!published && date) [published, publishedFrom] = [date, "dateline"];
  return { ...meta, claimedSource, dateline, byline, published, publishedFrom, paragraphs: body, removed };
}

/**
 * A metadata line at the head of an HTML body: a byline ("By Jane Roe", or the page's own byline without
 * "By"), a date line, or both joined by bars ("By HNN Staff | June 3, 2024 at 2:26 PM").
 */
function headLine(
  line: string,
  pageByline: string | null,
): { reason: RemovedText["reason"] | null; byline?: string; date?: string } {
  if (line.length > 200) return { reason: null };
  const whole = matchByline(line);
  if (whole) {
    // "By Ana Lima | June 3, 2024 at 2:26 PM": the byline pattern takes the rest as the outlet part.
    const date = /\d/.test(line) ? parseDate(line) : null;
    return { reason: "byline", byline: whole, ...(date ? { date } : {}) };
  }
  const wholeDate = parseDateLine(line);
  if (wholeDate) return { reason: "date-line", date: wholeDate };
  const parts = line.split(/\s+[|•·]\s+|\s+[-–—]\s+(?=(?:updated|published|posted)\b)/i).filter(Boolean);
  let byline: string | undefined;
  let date: string | undefined;
  for (const part of parts) {
    // A part that is the whole line was just tried as a byline and as a date line (chrono is not cheap).
    const isWholeLine = part === line;
    const fromText = isWholeLine ? null : matchByline(part);
    const parsed = fromText || isWholeLine ? null : parseDateLine(part);
    const known =
      !fromText &&
      !parsed &&
      pageByline !== null &&
      wordCount(part) <= 12 &&
      titleKey(part).startsWith(titleKey(pageByline)) &&
      titleKey(pageByline).length > 3;
    if (fromText) byline ??= fromText;
    else if (parsed) date ??= parsed;
    else if (!known) return { reason: null };
  }
  const reason = byline !== undefined || (date === undefined && parts.length > 0) ? "byline" : "date-line";
  return { reason, ...(byline ? { byline } : {}), ...(date ? { date } : {}) };
}

function fromText(raw: RawDocument): Draft {
  const parts = cleanPlainText(raw.content, raw.hints);
  return { ...parts, language: null, url: null };
}

/** "Live Science.", "livescience.com" and "LiveScience" name the same outlet. */
function outletKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/.*$/, "")
    .replace(/^([^\s]+?)(?:\.co)?\.[a-z]{2,12}$/, "$1")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function sameOutlet(a: string, b: string | null): boolean {
  return b !== null && outletKey(a) !== "" && outletKey(a) === outletKey(b);
}

/** "By JANE ROE and JOHN DOE" → "JANE ROE and JOHN DOE"; whitespace collapsed; absurdly long values dropped. */
function cleanByline(value: string | null | undefined): string | null {
  const text =
    value
      ?.replace(/\s+/g, " ")
      .trim()
      .replace(/^by\s+/i, "") ?? "";
  return text && text.length <= 200 ? text : null;
}

/**
 * Explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): with them a
 * hostile page makes a title or a quote display in another order than its text reads ("Trojan Source").
 * Right-to-left scripts need none of them (their direction comes from the letters), so clean drops them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

function withoutBidiControls(raw: RawDocument): RawDocument {
  const hints = Object.values(raw.hints).some((v) => typeof v === "string" && HAS_BIDI_CONTROLS.test(v));
  if (!hints && !HAS_BIDI_CONTROLS.test(raw.content)) return raw;
  const strip = (s: string) => s.replace(BIDI_CONTROLS, "");
  return {
    ...raw,
    content: strip(raw.content),
    hints: Object.fromEntries(
      Object.entries(raw.hints).map(([k, v]) => [k, typeof v === "string" ? strip(v) : v]),
    ),
  };
}

export function cleanDocument(input: RawDocument): Article {
  const raw = withoutBidiControls(input);
  const draft = raw.contentType === "text/html" ? fromHtml(raw) : fromText(raw);
  const hints = raw.hints;
  const body = unglueNames(draft.paragraphs).join("\n\n");
  const hintDate = hints.published ? parseDate(hints.published) : null;
  const published = hintDate ?? draft.published;
  const publishedFrom: PublishedFrom = hintDate ? "hint" : published ? draft.publishedFrom : "none";
  const outlet = hints.outlet?.trim() || draft.outlet;
  const title = hints.title?.trim() || draft.title || fallbackTitle(draft.paragraphs);
  const url = hints.url?.trim() || draft.url;
  // A page naming its own outlet as its source claims nothing; a "dateline" that is the outlet's name is no place.
  const claimedSource =
    draft.claimedSource && sameOutlet(draft.claimedSource, outlet) ? null : draft.claimedSource;
  const dateline = draft.dateline && sameOutlet(draft.dateline, outlet) ? null : draft.dateline;
  const byline = cleanByline(hints.byline ?? draft.byline);
  const article: Omit<Article, "id"> = {
    source: raw.source,
    url: url || null,
    title: title.replace(/\s+/g, " ").trim(),
    section: hints.section?.trim() || draft.section,
    published,
    publishedFrom,
    outlet: outlet || null,
    claimedSource,
    dateline,
    byline,
    language: draft.language ?? guessLanguage(body),
    body,
    removed: draft.removed,
  };
  return { id: articleId(article), ...article };
}

/**
 * Clean: RawDocument → Article. Pure. Plain text goes through the header/boilerplate rules of text.ts, HTML
 * through html.ts; hints from the container (JSON fields, feed items) win for title, url, date and outlet.
 */
import type { Article, PublishedFrom, RawDocument, RemovedText } from "../types.js";
import { parseDate, parseDateLine } from "./dates.js";
import { matchByline, matchClaimedSource } from "./header.js";
import { extractHtml } from "./html.js";
import { articleId } from "./id.js";
import { guessLanguage } from "./language.js";
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
  // A byline paragraph at the top of the body ("By Jane Roe") is metadata.
  // Byline and date paragraphs at the top of the body ("By Jane Roe", "March 12, 2025") are metadata.
  let body = paragraphs;
  let byline = meta.byline;
  while (body.length > 1) {
    const first = body[0] ?? "";
    const fromText = matchByline(first);
    const date = fromText ? null : parseDateLine(first);
    if (fromText) {
      byline ??= fromText;
      removed.push({ text: first, reason: "byline" });
    } else if (date) {
      if (!meta.published) [meta.published, meta.publishedFrom] = [date, "first-line"];
      removed.push({ text: first, reason: "date-line" });
    } else break;
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
  const { dateline, date } = datelineOf(body);
  let { published, publishedFrom } = meta;
  if (!published && date) [published, publishedFrom] = [date, "dateline"];
  return { ...meta, claimedSource, dateline, byline, published, publishedFrom, paragraphs: body, removed };
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

export function cleanDocument(raw: RawDocument): Article {
  const draft = raw.contentType === "text/html" ? fromHtml(raw) : fromText(raw);
  const hints = raw.hints;
  const body = draft.paragraphs.join("\n\n");
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

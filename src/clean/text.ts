/**
 * Plain text → cleaned body and metadata. Used for `.txt` scrapes and for the text fields of JSON records and
 * feed items.
 */
import type { DocumentHints, PublishedFrom, RemovedText } from "../types.js";
import { parseDate } from "./dates.js";
import { matchClaimedSource, matchDateline, readHeader } from "./header.js";
import { splitParagraphs, stripBoilerplate, wordCount } from "./paragraphs.js";

export interface CleanedParts {
  title: string | null;
  section: string | null;
  published: string | null;
  publishedFrom: PublishedFrom;
  outlet: string | null;
  claimedSource: string | null;
  dateline: string | null;
  byline: string | null;
  paragraphs: string[];
  removed: RemovedText[];
}

/**
 * Dateline of the first paragraph, a date it carries ("WASHINGTON, June 3, 2024 —"), and the agency it names
 * ("SEOUL, Nov 14 (Reuters) -": the copy's claimed source).
 */
export function datelineOf(paragraphs: string[]): {
  dateline: string | null;
  date: string | null;
  agency: string | null;
} {
  const first = paragraphs[0];
  if (!first) return { dateline: null, date: null, agency: null };
  const m = matchDateline(first);
  if (!m) return { dateline: null, date: null, agency: null };
  const head = first.slice(0, m.length);
  const agency = head.startsWith("(")
    ? null
    : (/\(\s*(\p{Lu}[\p{L}\p{N} .&'’-]{0,39}?)\s*\)\s*(?:--|[-–—:])\s*$/u.exec(head)?.[1] ??
      /\/\s*(\p{Lu}[\p{L}\p{N} .&'’-]{0,39}?)\s*\/\.?\s*$/u.exec(head)?.[1] ??
      null);
  return { dateline: m.place, date: parseDate(head), agency };
}

export function cleanPlainText(content: string, hints: DocumentHints = {}): CleanedParts {
  const paragraphs = splitParagraphs(content);
  const header = readHeader(paragraphs, hints.title, hints.outlet);
  const removed: RemovedText[] = [...header.removed];
  let claimedSource = header.claimedSource;
  let body = paragraphs.slice(header.bodyStart);
  // A claimed source may also close the text ("— Reuters", "Source: Yonhap").
  const last = body[body.length - 1];
  if (last !== undefined && body.length > 1) {
    const claimed = matchClaimedSource(last);
    if (claimed) {
      claimedSource ??= claimed;
      removed.push({ text: last, reason: "claimed-source" });
      body = body.slice(0, -1);
    }
  }
  body = stripBoilerplate(body, removed);
  const { dateline, date, agency } = datelineOf(body);
  claimedSource ??= agency;
  let published = header.published;
  let publishedFrom: PublishedFrom = published ? "first-line" : "none";
  if (!published && date) {
    published = date;
    publishedFrom = "dateline";
  }
  return {
    title: header.title,
    section: header.section,
    published,
    publishedFrom,
    outlet: header.outlet,
    claimedSource,
    dateline,
    byline: header.byline,
    paragraphs: body,
    removed,
  };
}

/** A title for a text that has none: its first sentence, shortened. */
export function fallbackTitle(paragraphs: string[]): string {
  const first = paragraphs[0] ?? "";
  const sentence = /^.{1,200}?[.!?](?=\s|$)/.exec(first)?.[0] ?? first.slice(0, 200);
  if (wordCount(sentence) <= 16) return sentence;
  return `${sentence.split(/\s+/).slice(0, 14).join(" ")}…`;
}

/**
 * The head of a plain-text scrape: the lines before the story starts. Content farms and scrapers put there a
 * date, the site name and its tagline, a "Section | Title" line, the title again, a byline or a line claiming
 * another outlet ("- Reuters.com"). This module sorts those lines out.
 */
import type { RemovedText } from "../types.js";
import { parseDateLine } from "./dates.js";
import { wordCount } from "./paragraphs.js";
import { BYLINE, CLAIMED_SOURCE, DATELINES } from "./patterns.js";

export interface HeaderInfo {
  /** Index of the first body paragraph. */
  bodyStart: number;
  title: string | null;
  section: string | null;
  published: string | null;
  outlet: string | null;
  claimedSource: string | null;
  byline: string | null;
  removed: RemovedText[];
}

/** The most header lines we look at: a story never starts later than this in a scrape. */
const MAX_HEADER_LINES = 10;

export function matchClaimedSource(line: string): string | null {
  if (line.length > 80) return null;
  for (const pattern of CLAIMED_SOURCE) {
    const m = pattern.exec(line);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

export function matchByline(line: string): string | null {
  if (line.length > 120) return null;
  const m = BYLINE.exec(line);
  return m?.[1] ? m[1].trim() : null;
}

/** The dateline's place and the length of the dateline prefix, when the paragraph starts with one. */
export function matchDateline(paragraph: string): { place: string; length: number } | null {
  const head = paragraph.slice(0, 120);
  for (const pattern of DATELINES) {
    const m = pattern.exec(head);
    if (m?.[1] && wordCount(paragraph.slice(m[0].length)) >= 4) {
      const place = m[1].trim();
      if (wordCount(place) <= 4 && !/^(?:the|a|an|but|and|update|note|editor)$/i.test(place)) {
        return { place, length: m[0].length };
      }
    }
  }
  return null;
}

/** Lower-case letters and digits only: for comparing a title with its repetition. */
export function titleKey(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "Section | Title" → both parts; "Title | Site" → title and site. */
export function splitTitleLine(line: string): { title: string; section: string | null; site: string | null } {
  const parts = line.split(/\s+[|｜]\s+/);
  if (parts.length === 2) {
    const [left = "", right = ""] = parts.map((p) => p.trim());
    const lw = wordCount(left);
    const rw = wordCount(right);
    if (lw <= 4 && rw > lw) return { title: right, section: left, site: null };
    if (rw <= 4 && lw > rw) return { title: left, section: null, site: right };
  }
  return { title: line, section: null, site: null };
}

/**
 * "Pacific Daily Digest | November 15, 2024", "By Elena Marsh · Harbor Ledger · 3 May 2024": a line of short
 * parts, one of them a date: the date, the byline and the outlet (the first other part).
 */
function metaLine(line: string): { date: string; byline: string | null; outlet: string | null } | null {
  const parts = line.split(/\s+[|｜·•]\s+/).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 4 || line.length > 120) return null;
  const dates = parts.map((p) => parseDateLine(p));
  const at = dates.findIndex(Boolean);
  const date = dates[at];
  if (!date || parts.some((p, k) => k !== at && (wordCount(p) > 6 || /[.!?]$/.test(p)))) return null;
  let byline: string | null = null;
  let outlet: string | null = null;
  parts.forEach((p, k) => {
    if (k === at) return;
    const by = matchByline(p);
    if (by) byline ??= by;
    else outlet ??= p;
  });
  return { date, byline, outlet };
}

function looksLikeBody(line: string, next: string | undefined): boolean {
  if (matchDateline(line)) return true;
  const words = wordCount(line);
  if (next !== undefined && titleKey(next) === titleKey(line)) return false;
  if (words >= 20) return true;
  return words >= 8 && /[.!?…"”’]$/.test(line);
}

/**
 * Read the header of a plain-text document. `hintTitle`/`hintOutlet` come from the container (JSON fields,
 * feed items); a header line that repeats them is removed.
 */
export function readHeader(paragraphs: string[], hintTitle?: string, hintOutlet?: string): HeaderInfo {
  const info: HeaderInfo = {
    bodyStart: 0,
    title: null,
    section: null,
    published: null,
    outlet: null,
    claimedSource: null,
    byline: null,
    removed: [],
  };
  let end = 0;
  const limit = Math.min(paragraphs.length, MAX_HEADER_LINES);
  while (end < limit && !looksLikeBody(paragraphs[end] ?? "", paragraphs[end + 1])) end++;
  if (end === limit && end === paragraphs.length && end > 0) {
    // No paragraph looks like running text (a very short document): only the first line may be a header,
    // and only when something follows it.
    end = paragraphs.length > 1 ? 1 : 0;
  } else if (end === limit && limit === MAX_HEADER_LINES) end = 0;
  // The body is never empty: a header that would swallow every line leaves the last one as body.
  if (end >= paragraphs.length) end = Math.max(0, paragraphs.length - 1);

  type Candidate = { index: number; line: string; key: string };
  const candidates: Candidate[] = [];
  const reasons = new Map<number, RemovedText["reason"]>();
  for (let i = 0; i < end; i++) {
    const line = paragraphs[i] ?? "";
    const meta = metaLine(line);
    if (meta) {
      info.published ??= meta.date;
      info.byline ??= meta.byline;
      info.outlet ??= meta.outlet;
      reasons.set(i, "date-line");
      continue;
    }
    const date = parseDateLine(line);
    if (date) {
      info.published ??= date;
      reasons.set(i, "date-line");
      continue;
    }
    const claimed = matchClaimedSource(line);
    if (claimed) {
      info.claimedSource ??= claimed;
      reasons.set(i, "claimed-source");
      continue;
    }
    const byline = matchByline(line);
    if (byline) {
      info.byline ??= byline;
      reasons.set(i, "byline");
      continue;
    }
    candidates.push({ index: i, line, key: titleKey(splitTitleLine(line).title) });
  }

  const hintKey = hintTitle ? titleKey(hintTitle) : null;
  let title: Candidate | undefined;
  if (hintKey) title = candidates.find((c) => c.key === hintKey || titleKey(c.line) === hintKey);
  else {
    // The title: a "Section | Title" line, else a line that is repeated, else the longest line.
    title =
      candidates.find((c) => splitTitleLine(c.line).section !== null) ??
      candidates.find((c) => candidates.some((o) => o !== c && o.key === c.key)) ??
      [...candidates].sort((a, b) => wordCount(b.line) - wordCount(a.line) || a.index - b.index)[0];
  }
  if (title) {
    const parts = splitTitleLine(title.line);
    info.title = parts.title;
    info.section = parts.section;
    if (parts.site) info.outlet = parts.site;
    reasons.set(title.index, "title");
    let siteLines = 0;
    for (const c of candidates) {
      if (c === title) continue;
      if (c.key === title.key || titleKey(c.line) === titleKey(title.line))
        reasons.set(c.index, "repeated-title");
      else if (c.index < title.index && wordCount(c.line) <= 6) {
        // Short lines above the title: the site name, then its tagline.
        reasons.set(c.index, siteLines === 0 ? "site-name" : "tagline");
        if (siteLines === 0 && !info.outlet) info.outlet = c.line;
        siteLines++;
      } else if (!hintKey && c.index > title.index && wordCount(c.line) <= 4) reasons.set(c.index, "other");
    }
  } else if (hintOutlet) {
    for (const c of candidates)
      if (titleKey(c.line) === titleKey(hintOutlet)) reasons.set(c.index, "site-name");
  }

  // Keep header lines we could not explain (a standfirst, a subtitle) as body text.
  const keptHeader: number[] = [];
  for (let i = 0; i < end; i++) {
    const reason = reasons.get(i);
    if (reason) info.removed.push({ text: paragraphs[i] ?? "", reason });
    else keptHeader.push(i);
  }
  info.bodyStart = keptHeader.length > 0 ? (keptHeader[0] ?? end) : end;
  // Lines kept from the header stay in the body only when they are contiguous with it.
  if (keptHeader.length > 0 && keptHeader.some((i, k) => i !== end - keptHeader.length + k)) {
    info.bodyStart = end;
    for (const i of keptHeader) info.removed.push({ text: paragraphs[i] ?? "", reason: "other" });
  }
  info.removed.sort((a, b) => paragraphs.indexOf(a.text) - paragraphs.indexOf(b.text));
  return info;
}

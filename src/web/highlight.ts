/**
 * Cleaned text with highlighted spans. Offsets are half-open character ranges into `Article.body` (as every
 * extracted fact carries); overlapping spans are allowed: the text is cut at every span boundary and each
 * piece is wrapped once, with the classes of every span covering it. All text is escaped.
 */
import { type Html, html } from "./html.js";

export interface Mark {
  start: number;
  end: number;
  /** CSS classes, e.g. "hl-evidence" or "hl-entity". */
  className: string;
  /** Tooltip text. */
  title?: string;
  /** An id for the first piece of the span (to link or scroll to it). */
  id?: string;
}

export function highlight(body: string, marks: Mark[], range?: { start: number; end: number }): Html {
  const from = Math.max(0, range?.start ?? 0);
  const to = Math.min(body.length, range?.end ?? body.length);
  const spans = marks
    .map((m) => ({ ...m, start: Math.max(from, m.start), end: Math.min(to, m.end) }))
    .filter((m) => Number.isFinite(m.start) && Number.isFinite(m.end) && m.end > m.start);
  const cuts = new Set<number>([from, to]);
  for (const m of spans) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const idsUsed = new Set<string>();
  const pieces: Html[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const text = body.slice(a, b);
    const covering = spans.filter((m) => m.start <= a && m.end >= b);
    if (covering.length === 0) {
      pieces.push(html`${text}`);
      continue;
    }
    const classes = [...new Set(covering.flatMap((m) => m.className.split(/\s+/)))].join(" ");
    const titles = [...new Set(covering.map((m) => m.title).filter((t): t is string => Boolean(t)))].join(
      " · ",
    );
    const first = covering.find((m) => m.id && m.start === a && !idsUsed.has(m.id));
    if (first?.id) idsUsed.add(first.id);
    pieces.push(
      html`<mark class="${classes}"${first?.id ? html` id="${first.id}"` : ""}${titles ? html` title="${titles}"` : ""}>${text}</mark>`,
    );
  }
  return html`${pieces}`;
}

/**
 * The stretch of the body around [start, end) to show as an excerpt: from the start of its paragraph to the
 * end of its paragraph, at most `context` characters either side.
 */
export function excerptRange(
  body: string,
  start: number,
  end: number,
  context = 400,
): { start: number; end: number; clippedStart: boolean; clippedEnd: boolean } {
  const para = body.lastIndexOf("\n\n", Math.max(0, start - 1));
  let s = para < 0 ? 0 : para + 2;
  if (start - s > context) s = body.lastIndexOf(" ", start - context) + 1 || start - context;
  const after = body.indexOf("\n\n", end);
  let e = after < 0 ? body.length : after;
  if (e - end > context) {
    const space = body.indexOf(" ", end + context);
    e = space < 0 ? body.length : space;
  }
  s = Math.max(0, Math.min(s, start));
  return { start: s, end: Math.max(e, end), clippedStart: s > 0, clippedEnd: e < body.length };
}

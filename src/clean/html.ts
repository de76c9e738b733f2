/**
 * HTML → article body. Starts from @mozilla/readability on a linkedom DOM (the best maintained JS extractor),
 * then fixes what it gets wrong on news pages: it keeps captions, credits, share bars and "related" blocks
 * (removed here by the paragraph rules), and it fails on short pages (we fall back to the densest text block).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { RemovedText } from "../types.js";
import { domParagraphs, type TextNodeLike } from "./dom-text.js";
import { type HtmlMeta, type MetaDocument, readHtmlMeta } from "./html-meta.js";
import { stripBoilerplate, wordCount } from "./paragraphs.js";
import { stripInert } from "./strip-inert.js";

export interface HtmlExtraction {
  meta: HtmlMeta;
  paragraphs: string[];
  removed: RemovedText[];
  /** Which method produced the body. */
  method: "readability" | "fallback" | "fragment";
}

type AnyDocument = MetaDocument &
  TextNodeLike & { body: TextNodeLike | null; cloneNode(deep: boolean): unknown };

/** Parse a page; a fragment (a feed item's HTML, a JSON field) is wrapped into a document first. */
export function parseDocument(html: string): AnyDocument {
  const whole = /<(?:html|body)[\s>]/i.test(html.slice(0, 5000));
  const inert = stripInert(html);
  const source = whole ? inert : `<!doctype html><html><head></head><body>${inert}</body></html>`;
  return parseHTML(source).document as unknown as AnyDocument;
}

interface RemovableElement {
  textContent: string | null;
  remove(): void;
}

/**
 * Elements that are never article text, removed before extraction with the reason recorded: figure captions
 * (Readability keeps them), and the <time> a page prints above its story (it is metadata).
 */
function removeNonText(doc: AnyDocument, removed: RemovedText[]): void {
  const q = doc as unknown as { querySelectorAll(s: string): ArrayLike<RemovableElement> };
  for (const el of Array.from(
    q.querySelectorAll("figcaption, .caption, .wp-caption-text, .image-caption, .photo-caption"),
  )) {
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) removed.push({ text, reason: "caption" });
    el.remove();
  }
}

/**
 * Readability's body as paragraphs, or null when it finds nothing. Its `serializer` hands back the article
 * element itself (no serialise-and-reparse), classes are kept (we never look at them again, and cleaning them
 * costs a traversal) and its own JSON-LD reading is off (html-meta.ts reads it once).
 */
export function readabilityParagraphs(
  doc: AnyDocument,
): { paragraphs: string[]; byline: string | null } | null {
  const options = { serializer: (el: unknown) => el, keepClasses: true, disableJSONLD: true };
  // biome-ignore lint/suspicious/noExplicitAny: Readability is typed against the browser Document.
  const result = new Readability(doc as any, options as any).parse() as {
    content?: unknown;
    byline?: string | null;
  } | null;
  if (!result?.content) return null;
  const paragraphs = domParagraphs(result.content as TextNodeLike);
  return paragraphs.length ? { paragraphs, byline: result.byline ?? null } : null;
}

/**
 * Readability's scoring is super-linear in nesting depth (a 2,000-deep page takes minutes; 20,000 overflows the
 * stack). Real article pages stay far below this depth; deeper ones skip Readability for the fallback.
 */
export const MAX_READABILITY_DEPTH = 400;

interface TreeNode {
  nodeType: number;
  childNodes: ArrayLike<TreeNode>;
}

/** Maximum element depth, iteratively, stopping as soon as `limit` is passed. */
export function depthExceeds(root: TreeNode, limit: number): boolean {
  const stack: [TreeNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c && c.nodeType === 1) stack.push([c, depth + 1]);
    }
  }
  return false;
}

/** Running text: a sentence-ending paragraph of some length, or a long one. */
function proseWeight(paragraph: string): number {
  const words = wordCount(paragraph);
  if (words >= 20 || (words >= 8 && /[.!?…"”’)]$/.test(paragraph))) return words;
  return -Math.max(3, words);
}

/**
 * The densest block of running text among all paragraphs of the page: the window with the largest sum of
 * prose weights (maximum-subarray, Kadane's algorithm, linear). Used when Readability fails or is unsafe.
 */
export function densestBlock(paragraphs: string[]): string[] {
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  paragraphs.forEach((p, i) => {
    sum += proseWeight(p);
    if (sum <= 0) {
      sum = 0;
      start = i + 1;
    } else if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  });
  return paragraphs.slice(bestStart, bestEnd + 1);
}

/**
 * `fragment`: the HTML is already the article body (a feed item's content, a JSON field), so it is read whole,
 * with only the boilerplate rules applied — no article detection that could drop its short paragraphs.
 */
export function extractHtml(
  html: string,
  pageUrl: string | null,
  options: { fragment?: boolean } = {},
): HtmlExtraction {
  const doc = parseDocument(html);
  const meta = readHtmlMeta(doc, pageUrl);
  const removed: RemovedText[] = [];
  removeNonText(doc, removed);
  const body = doc.body;
  if (options.fragment) {
    const paragraphs = body ? stripBoilerplate(domParagraphs(body), removed) : [];
    return { meta, paragraphs, removed, method: "fragment" };
  }
  let read: ReturnType<typeof readabilityParagraphs> = null;
  if (body && !depthExceeds(body as unknown as TreeNode, MAX_READABILITY_DEPTH)) {
    try {
      read = readabilityParagraphs(doc);
    } catch {
      read = null; // Readability gave up on this page: the fallback below still reads it.
    }
  }
  if (read) {
    if (!meta.byline && read.byline) meta.byline = read.byline;
    return { meta, paragraphs: stripBoilerplate(read.paragraphs, removed), removed, method: "readability" };
  }
  const all = body ? stripBoilerplate(domParagraphs(body), removed) : [];
  const dense = densestBlock(all);
  return { meta, paragraphs: dense.length > 0 ? dense : all, removed, method: "fallback" };
}

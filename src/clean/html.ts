/**
 * HTML → article body. Starts from @mozilla/readability on a linkedom DOM (the best maintained JS extractor),
 * then fixes what it gets wrong on news pages: it keeps captions, credits, share bars and "related" blocks
 * (removed here by the paragraph rules), and it fails on short pages (we fall back to the densest text block).
 */
import { Readability } from "@mozilla/readability";
import type { RemovedText } from "../types.js";
import { domParagraphs, type TextNodeLike } from "./dom-text.js";
import { elementsUnder, hasOnlyBlankText, type WalkNode } from "./dom-walk.js";
import { type HtmlMeta, META_TAGS, type MetaDocument, type MetaElement, readHtmlMeta } from "./html-meta.js";
import { stripBoilerplate, wordCount } from "./paragraphs.js";
import { parseHTML } from "./parse-dom.js";
import { slimHtml } from "./slim-html.js";
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
  const inert = slimHtml(stripInert(html));
  const source = whole ? inert : `<!doctype html><html><head></head><body>${inert}</body></html>`;
  return parseHTML(source).document as unknown as AnyDocument;
}

interface PageElement extends MetaElement {
  localName: string;
  getAttributeNode(name: string): { value: string } | null;
  isConnected: boolean;
  remove(): void;
}

/** Class names that mark a figure caption (matched as whole class tokens). */
const CAPTION_CLASS = /(?:^|\s)(?:caption|wp-caption-text|image-caption|photo-caption)(?:\s|$)/;
const META_TAG_SET = new Set<string>(META_TAGS);

interface PageIndex {
  /** meta, link, script, time, h1, title: what html-meta.ts reads. */
  byTag: Map<string, MetaElement[]>;
  captions: PageElement[];
  footers: PageElement[];
}

/** One walk over the elements collects everything read or removed before extraction. */
function indexPage(doc: AnyDocument, classCaptions: boolean): PageIndex {
  const index: PageIndex = { byTag: new Map(), captions: [], footers: [] };
  // The elements querySelectorAll("*") would list, in the same order.
  const all = elementsUnder<PageElement & WalkNode>(doc as unknown as WalkNode, true);
  for (let i = 0; i < all.length; i++) {
    const el = all[i] as PageElement;
    const tag = el.localName;
    if (META_TAG_SET.has(tag)) {
      const list = index.byTag.get(tag);
      if (list) list.push(el);
      else index.byTag.set(tag, [el]);
    } else if (tag === "figcaption") index.captions.push(el);
    else if (tag === "footer") index.footers.push(el);
    else if (classCaptions) {
      // The attribute as written: getAttribute("class") builds linkedom's token list for it. A whole-token
      // match reads the same on both.
      const cls = el.getAttributeNode("class")?.value;
      if (cls && CAPTION_CLASS.test(cls)) index.captions.push(el);
    }
  }
  return index;
}

/**
 * Elements that are never article text, removed before extraction: figure captions (Readability keeps
 * them; recorded in `removed`), and page and comment footers. Readability drops footers from the article it
 * picks, but outside it they feed wrong candidates. Footers are often left unclosed, so this is done on the
 * tree, not on the string, and a footer holding a large share of the page's text (an unclosed one that
 * swallowed the story) is kept.
 */
function removeNonText(doc: AnyDocument, index: PageIndex, removed: RemovedText[]): void {
  for (const el of index.captions) {
    // A caption inside a caption went with its parent.
    if (!el.isConnected) continue;
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) removed.push({ text, reason: "caption" });
    el.remove();
  }
  if (index.footers.length === 0) return;
  const pageText = (doc.body?.textContent ?? "").length;
  for (const el of index.footers) {
    if ((el.textContent ?? "").length < pageText * 0.4) el.remove();
  }
}

/**
 * Readability with some of its helpers made cheaper on linkedom, same results on the pages we hand it:
 * - `_getAllNodesWithTag` asks `querySelectorAll("p,pre,…")`, which runs a CSS matcher on every element;
 *   one TreeWalker pass comparing `localName` returns the same elements in the same order.
 * - `_getLinkDensity` and `_unwrapNoscriptImages` call `getElementsByTagName`, which upper-cases the name of
 *   every other element: the same list comes from one TreeWalker pass.
 * - `_isElementWithoutContent` joins the text of the whole subtree to see whether it is blank; it now stops
 *   at the first text that is not.
 * - `_setNodeTag` (turning a <div> into a <p>) renames the element in place instead of rebuilding it.
 * - `_isValidByline` looks at attributes before it reads the element's whole text.
 * - `_isProbablyVisible` builds a CSSStyleDeclaration for every element; slimHtml already reduced every
 *   style attribute to `display:none` when it hides the element and dropped it otherwise, so the attribute's
 *   presence is the answer.
 * - `_fixRelativeUris` rewrites link and media URLs into absolute ones: slimHtml keeps no URL but in-page
 *   `#` links, and only the text is read from the article, so there is nothing to rewrite.
 * Only our instances use this subclass; the baseline in eval/bench runs stock Readability.
 */
type ReadabilityElement = WalkNode & {
  localName: string;
  textContent: string | null;
  children: ArrayLike<ReadabilityElement>;
  attributes: ArrayLike<{ name: string; value: string }>;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<ReadabilityElement>;
  remove(): void;
  className?: string;
};
interface ReadabilityInternals {
  REGEXPS: { byline: RegExp; hashUrl: RegExp };
  _getInnerText(e: ReadabilityElement, normalizeSpaces?: boolean): string;
}
const StockReadability = Readability as unknown as new (
  doc: unknown,
  options: unknown,
) => {
  parse(): unknown;
  _unwrapNoscriptImages(doc: unknown): void;
};
class SlimReadability extends StockReadability {
  _getAllNodesWithTag(node: ReadabilityElement, tagNames: string[]): ReadabilityElement[] {
    const one = tagNames.length === 1 ? (tagNames[0] ?? "").toLowerCase() : null;
    const wanted = one === null ? new Set(tagNames.map((t) => t.toLowerCase())) : null;
    const all = elementsUnder<ReadabilityElement>(node, true);
    if (wanted?.has("*") ?? one === "*") return all;
    const found: ReadabilityElement[] = [];
    for (let i = 0; i < all.length; i++) {
      const el = all[i] as ReadabilityElement;
      if (one !== null ? el.localName === one : wanted?.has(el.localName)) found.push(el);
    }
    return found;
  }
  _isElementWithoutContent(node: ReadabilityElement): boolean {
    if (node.nodeType !== 1 || !hasOnlyBlankText(node)) return false;
    const children = node.children.length;
    return (
      !children ||
      children === node.getElementsByTagName("br").length + node.getElementsByTagName("hr").length
    );
  }
  _getLinkDensity(element: ReadabilityElement): number {
    const self = this as unknown as ReadabilityInternals;
    const textLength = self._getInnerText(element).length;
    if (textLength === 0) return 0;
    let linkLength = 0;
    // getElementsByTagName("a") matches the lower-case name only (linkedom compares the upper-cased one
    // with "a"): so does this.
    const all = elementsUnder<ReadabilityElement>(element, false);
    for (let i = 0; i < all.length; i++) {
      const link = all[i] as ReadabilityElement;
      if (link.localName !== "a") continue;
      const href = link.getAttribute("href");
      const coefficient = href && self.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
      linkLength += self._getInnerText(link).length * coefficient;
    }
    return linkLength / textLength;
  }
  override _unwrapNoscriptImages(doc: ReadabilityElement): void {
    const all = elementsUnder<ReadabilityElement>(doc, false);
    // stripInert leaves no <noscript>; when one is there after all, the original does the whole job.
    if (all.some((el) => el.localName === "noscript")) {
      super._unwrapNoscriptImages(doc);
      return;
    }
    // Its first step as written there: an <img> with nothing that could point at a picture goes.
    for (const img of all) {
      if (img.localName !== "img") continue;
      let keep = false;
      for (let i = 0; i < img.attributes.length && !keep; i++) {
        const attr = img.attributes[i] as { name: string; value: string };
        keep =
          attr.name === "src" ||
          attr.name === "srcset" ||
          attr.name === "data-src" ||
          attr.name === "data-srcset" ||
          /\.(jpg|jpeg|png|webp)/i.test(attr.value);
      }
      if (!keep) img.remove();
    }
  }
  _fixRelativeUris(): void {}
  _setNodeTag(node: ReadabilityElement, tag: string): ReadabilityElement {
    // linkedom derives tagName and nodeName from localName, so renaming in place is a real rename (what
    // Readability itself does on its own JSDOMParser) and spares moving every child to a new element.
    node.localName = tag.toLowerCase();
    return node;
  }
  _isValidByline(node: ReadabilityElement, matchString: string): boolean {
    // The same test, with the cheap conditions first: the original reads every element's textContent
    // (the whole subtree) before looking at its attributes.
    const rel = node.getAttribute("rel");
    const itemprop = node.getAttribute("itemprop");
    const self = this as unknown as ReadabilityInternals;
    if (!(rel === "author" || itemprop?.includes("author") || self.REGEXPS.byline.test(matchString)))
      return false;
    const length = (node.textContent ?? "").trim().length;
    return length > 0 && length < 100;
  }
  _isProbablyVisible(node: ReadabilityElement): boolean {
    return (
      !node.hasAttribute("style") &&
      !node.hasAttribute("hidden") &&
      (node.getAttribute("aria-hidden") !== "true" || (node.className ?? "").includes("fallback-image"))
    );
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
  const result = new SlimReadability(doc, options).parse() as {
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

/**
 * Whether an element lies deeper than `limit` below `root`. Over the elements in document order, the stack holds
 * the path to the current one: going to the next element pops until its parent is on top. No recursion, so a
 * 10,000-deep page is safe, and no child lists are built.
 */
export function depthExceeds(root: WalkNode, limit: number): boolean {
  const path: WalkNode[] = [];
  for (const el of elementsUnder(root, false)) {
    const parent = el.parentNode;
    while (path.length > 0 && path[path.length - 1] !== parent) path.pop();
    path.push(el);
    if (path.length > limit) return true;
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
  // Reading every element's class costs more than one scan of the page: only pages that name a caption
  // class anywhere pay for it.
  const index = indexPage(doc, /\bcaption\b/i.test(html));
  const meta = readHtmlMeta(doc, pageUrl, index.byTag);
  const removed: RemovedText[] = [];
  removeNonText(doc, index, removed);
  const body = doc.body;
  if (options.fragment) {
    const paragraphs = body ? stripBoilerplate(domParagraphs(body), removed) : [];
    return { meta, paragraphs, removed, method: "fragment" };
  }
  let read: ReturnType<typeof readabilityParagraphs> = null;
  if (body && !depthExceeds(body as unknown as WalkNode, MAX_READABILITY_DEPTH)) {
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

/**
 * Shrink the HTML string before it is parsed, without changing what the page says or what Readability and
 * html-meta.ts look at. linkedom builds a full object (with its own event-listener map) for every element,
 * attribute and text node, so on news pages most of the parse and extraction time goes into nodes nobody
 * reads: `data-*`, `srcset`, `onclick`, tracking attributes, and the whitespace between block tags.
 *
 * One linear scan over the tags (quoted attribute values found with indexOf; raw-text elements copied to their
 * closing tag):
 * - attributes are kept only when something downstream reads them (KEPT_ATTRIBUTES); an `href` on an `<a>`
 *   only survives as a marker of in-page links (`#…`), which Readability weighs lower in its link density;
 *   a `style` only survives when it hides the element;
 * - a whitespace-only text node next to a block-level tag is dropped (it renders as nothing), and any other
 *   whitespace-only text node becomes one space;
 * - past MAX_NESTING levels, tags are dropped and their text kept;
 * - `<pre>` and raw-text elements (`<script>` — only JSON-LD survives stripInert —, `<title>`, `<textarea>`)
 *   are copied verbatim.
 * Hand-written because no HTML minifier on npm is both dependency-free and guaranteed linear on hostile input.
 */

/** Attributes someone reads: Readability (class, id, role, hidden, aria-*, itemprop, rel, colspan…), html-meta
 * (meta name/property/content, link rel/href, script type, time datetime, html lang). */
export const KEPT_ATTRIBUTES = new Set([
  "class",
  "id",
  "role",
  "hidden",
  "aria-hidden",
  "aria-modal",
  "itemprop",
  "rel",
  "name",
  "property",
  "content",
  "type",
  "datetime",
  "lang",
  "colspan",
  "rowspan",
  "datatable",
  "summary",
  "charset",
  "http-equiv",
]);

/** Tags next to which whitespace never renders. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "br",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "head",
  "header",
  "hr",
  "html",
  "li",
  "link",
  "main",
  "meta",
  "nav",
  "ol",
  "p",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "title",
  "tr",
  "ul",
  "script",
  "noscript",
  "img",
  "picture",
  "source",
  "option",
  "select",
  "input",
  "label",
  "button",
  "svg",
]);

/**
 * Deeper than this, opening and closing tags are dropped and only their text is kept. linkedom's parser is
 * quadratic in nesting depth (40,000 levels take seconds, 200,000 minutes), and no real article nests
 * anywhere near this deep.
 */
export const MAX_NESTING = 256;

/** Elements without content, and those whose end tag may be left out (they would inflate the count). */
const NOT_NESTING = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "thead",
  "tbody",
  "tfoot",
  "colgroup",
  "caption",
  "html",
  "head",
  "body",
  "rb",
  "rt",
  "rp",
]);

/** Elements whose content is copied as it is, up to their closing tag. */
const VERBATIM = new Set(["script", "title", "textarea", "pre", "xmp", "plaintext", "style"]);

/**
 * <meta> names read by neither html-meta.ts nor Readability: viewport and app settings, verification
 * tokens, images and video for social cards, keywords. Data: a meta that metadata should read must not
 * match here.
 */
export const NOISE_META =
  /^(?:viewport|robots|googlebot|bingbot|theme-color|msapplication-.*|apple-.*|format-detection|google-site-verification|msvalidate\.01|yandex-verification|p:domain_verify|fb:.*|twitter:(?:card|image.*|player.*|app:.*|domain|label\d|data\d)|og:(?:image.*|video.*|audio.*|type|locale:alternate)|al:.*|referrer|generator|mobile-web-app-capable|handheldfriendly|mobileoptimized|keywords|news_keywords|copyright|rating|revisit-after|distribution|pinterest|thumbnail|image|sailthru\.(?:image.*|tags)|article:tag|article:(?:publisher|opinion)|parsely-(?:image-url|tags|type|link|metadata))$/i;

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

function isNameChar(c: number): boolean {
  // Anything but whitespace, "/", ">", "=" and quotes ends neither a tag name nor an attribute name.
  return !(c === 32 || c === 9 || c === 10 || c === 12 || c === 13 || c === 47 || c === 62 || c === 61);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Where `</name` starts at or after `from`, case-insensitively, or -1. Compares in place: lower-casing the
 * whole page would shift offsets (some characters lower-case to two code units).
 */
export function indexOfClosingTag(html: string, name: string, from: number): number {
  for (let i = html.indexOf("</", from); i >= 0; i = html.indexOf("</", i + 2)) {
    if (html.slice(i + 2, i + 2 + name.length).toLowerCase() === name) return i;
  }
  return -1;
}

export function slimHtml(html: string): string {
  const out: string[] = [];
  const n = html.length;
  let textStart = 0; // start of the text run before the current tag (everything before it is written)
  let prevTag = ""; // name of the tag just before the current text run ("" at the start)
  let depth = 0; // open elements that nest (NOT_NESTING and raw-text elements aside)
  let i = html.indexOf("<");
  while (i >= 0 && i < n) {
    const c1 = html.charCodeAt(i + 1);
    const closing = c1 === 47; // "/"
    const nameStart = closing ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      // "<!doctype>", "<?xml?>", a stray "<" in text: leave it as it is.
      i = html.indexOf("<", i + 1);
      continue;
    }
    let j = nameStart;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // The text run [textStart, i): drop or collapse it when it is only whitespace.
    let blank = true;
    for (let k = textStart; k < i; k++) {
      if (!isSpace(html.charCodeAt(k))) {
        blank = false;
        break;
      }
    }
    if (!blank) out.push(html.slice(textStart, i));
    else if (i > textStart && !BLOCK.has(prevTag) && !BLOCK.has(name)) out.push(" ");
    // The tag itself.
    let end: number;
    if (closing) {
      const gt = html.indexOf(">", j);
      end = gt < 0 ? n : gt + 1;
      const nests = !NOT_NESTING.has(name) && !VERBATIM.has(name);
      if (!nests || depth <= MAX_NESTING) out.push(`</${name}>`);
      if (nests && depth > 0) depth--;
    } else {
      let tag = `<${name}`;
      let canonical = false;
      let metaKey = "";
      let k = j;
      let selfClosing = false;
      for (;;) {
        while (k < n && isSpace(html.charCodeAt(k))) k++;
        if (k >= n) break;
        const c = html.charCodeAt(k);
        if (c === 62) break; // ">"
        if (c === 47) {
          selfClosing = html.charCodeAt(k + 1) === 62;
          k++;
          continue;
        }
        const attrStart = k;
        while (k < n && isNameChar(html.charCodeAt(k))) k++;
        if (k === attrStart) {
          k++; // a stray "=" or quote: skip it
          continue;
        }
        const attr = html.slice(attrStart, k).toLowerCase();
        let valueStart = -1;
        let valueEnd = -1;
        let v = k;
        while (v < n && isSpace(html.charCodeAt(v))) v++;
        if (html.charCodeAt(v) === 61) {
          v++;
          while (v < n && isSpace(html.charCodeAt(v))) v++;
          const q = html.charCodeAt(v);
          if (q === 34 || q === 39) {
            const close = html.indexOf(q === 34 ? '"' : "'", v + 1);
            if (close < 0) {
              k = n; // an unterminated value swallows the rest of the page, as in a browser
              break;
            }
            valueStart = v + 1;
            valueEnd = close;
            k = close + 1;
          } else {
            let e = v;
            while (e < n && !isSpace(html.charCodeAt(e)) && html.charCodeAt(e) !== 62) e++;
            valueStart = v;
            valueEnd = e;
            k = e;
          }
        }
        if (KEPT_ATTRIBUTES.has(attr)) {
          // Written as it stood (its quotes included): nothing to re-escape.
          tag += ` ${html.slice(attrStart, k)}`;
          if (attr === "rel" && /^\s*canonical\s*$/i.test(html.slice(valueStart, valueEnd))) canonical = true;
          if (
            name === "meta" &&
            valueStart >= 0 &&
            (attr === "name" || attr === "property" || attr === "itemprop")
          )
            metaKey = html.slice(valueStart, valueEnd).trim();
        } else if (valueStart < 0) {
          // A bare attribute nobody reads.
        } else if (attr === "href") {
          if (name === "link") tag += ` ${html.slice(attrStart, k)}`;
          else if (valueEnd - valueStart > 1 && html.charCodeAt(valueStart) === 35) tag += ' href="#h"';
        } else if (attr === "style" && HIDDEN_STYLE.test(html.slice(valueStart, valueEnd))) {
          tag += ' style="display:none"';
        }
      }
      end = k >= n ? n : k + 1;
      const nests = !selfClosing && !NOT_NESTING.has(name) && !VERBATIM.has(name);
      if (nests) depth++;
      // Void elements nobody reads: form inputs, <link>s other than the canonical URL, and <meta>s for
      // browsers, apps and search engines (NOISE_META). Past the nesting
      // limit, the tag goes and its text stays.
      const keep =
        name !== "input" &&
        (name !== "link" || canonical) &&
        (name !== "meta" || !NOISE_META.test(metaKey)) &&
        (!nests || depth <= MAX_NESTING);
      if (keep) out.push(selfClosing ? `${tag}/>` : `${tag}>`);
      if (VERBATIM.has(name) && !selfClosing) {
        const close = indexOfClosingTag(html, name, end);
        const stop = close < 0 ? n : close;
        out.push(html.slice(end, stop));
        end = stop;
      }
    }
    textStart = end;
    prevTag = name;
    i = end >= n ? -1 : html.indexOf("<", end);
  }
  out.push(html.slice(textStart));
  return out.join("");
}

/**
 * DOM → paragraphs, keeping the structure: every block element (p, li, h1–h6, blockquote, div…) ends a
 * paragraph, <br> ends a line, and inline text is joined with the spacing the page shows. Hand-written because
 * `textContent` glues "end.</p><p>Start" into "end.Start" and loses every paragraph break.
 */

export interface TextNodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<TextNodeLike>;
}

export const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BODY",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "TD",
  "TH",
  "THEAD",
  "TFOOT",
  "TR",
  "UL",
  "CENTER",
  "CAPTION",
  "DIALOG",
]);
/** Never text: scripts, styles, forms' innards, media. */
export const SKIP_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "CANVAS",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "VIDEO",
  "AUDIO",
  "SELECT",
  "OPTION",
  "BUTTON",
  "TEXTAREA",
  "INPUT",
  "HEAD",
  "TITLE",
  "META",
  "LINK",
  "MATH",
]);

/** Paragraph texts of a subtree, whitespace-normalised, empty ones dropped. Iterative: deep nesting is safe. */
export function domParagraphs(root: TextNodeLike): string[] {
  const out: string[] = [];
  let current = "";
  const flush = () => {
    const text = current.replace(/[ \t\n\r\f\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, " ").trim();
    if (text) out.push(text);
    current = "";
  };
  // Explicit stack of [node, leaving?] so a 10,000-deep page cannot overflow the call stack. Inside a table
  // row, blocks do not break the line: a row is one paragraph with its cells separated by spaces.
  const stack: [TextNodeLike, boolean][] = [[root, false]];
  let rowDepth = 0;
  while (stack.length > 0) {
    const [node, leaving] = stack.pop()!;
    if (leaving) {
      if (node.nodeName.toUpperCase() === "TR") rowDepth--;
      if (rowDepth === 0) flush();
      else current += " ";
      continue;
    }
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === "BR") {
      if (rowDepth === 0) flush();
      else current += " ";
      continue;
    }
    if (tag === "TR") {
      flush();
      rowDepth++;
      stack.push([node, true]);
    } else if (BLOCK_TAGS.has(tag)) {
      if (rowDepth === 0) flush();
      else current += " ";
      stack.push([node, true]);
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push([c, false]);
    }
  }
  flush();
  return out;
}

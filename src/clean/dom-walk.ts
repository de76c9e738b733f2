/**
 * Element lists over a linkedom tree, through its TreeWalker. linkedom keeps a tree as one linked list in
 * document order, and its TreeWalker collects the nodes of a subtree in a single pass over that list; the
 * other ways to list elements cost more per element: querySelectorAll runs a CSS matcher on each,
 * getElementsByTagName upper-cases the name of every element that does not match, and firstElementChild /
 * nextElementSibling each walk the list again. Used where the same lists are asked for over and over
 * (Readability's helpers, the page index).
 */

export interface WalkNode {
  nodeType: number;
  localName: string;
  parentNode: WalkNode | null;
  ownerDocument: WalkDocument | null;
  firstChild: WalkNode | null;
  nextSibling: WalkNode | null;
  children: ArrayLike<WalkNode>;
  contains(other: WalkNode): boolean;
}

interface WalkDocument extends WalkNode {
  createTreeWalker(root: WalkNode, whatToShow: number): { nextNode(): WalkNode | null };
}

const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const SHOW_ELEMENT = 1;

/**
 * Every element under `root` (root itself excluded), in document order. With `skipTemplates`, what a
 * <template> holds is left out, as querySelectorAll leaves it out; without, every element is listed, as
 * getElementsByTagName lists them.
 */
export function elementsUnder<T extends WalkNode = WalkNode>(root: WalkNode, skipTemplates: boolean): T[] {
  const out: WalkNode[] = [];
  if (root.nodeType === DOCUMENT_NODE) {
    // A TreeWalker over a document starts at <html>; elements that the parser put before or after it (a
    // <meta> after </html>) are siblings of <html>, so each top-level element is walked on its own.
    // (Its `children`, not firstChild/nextSibling: linkedom's doctype node has no nextSibling.)
    const tops = root.children;
    for (let i = 0; i < tops.length; i++) {
      const top = tops[i] as WalkNode;
      out.push(top);
      if (!(skipTemplates && top.localName === "template"))
        collect(root as WalkDocument, top, skipTemplates, out);
    }
  } else if (root.ownerDocument) {
    collect(root.ownerDocument, root, skipTemplates, out);
  }
  return out as T[];
}

function collect(doc: WalkDocument, root: WalkNode, skipTemplates: boolean, out: WalkNode[]): void {
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  let template: WalkNode | null = null;
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if (template) {
      if (template.contains(el)) continue;
      template = null;
    }
    out.push(el);
    if (skipTemplates && el.localName === "template") template = el;
  }
}

/**
 * Whether an element's subtree holds no text but whitespace, i.e. `textContent.trim() === ""`, stopping at the
 * first text that is not blank instead of joining the text of the whole subtree.
 */
export function hasOnlyBlankText(root: WalkNode & { textContent: string | null }): boolean {
  let node = root.firstChild;
  while (node) {
    if (node.nodeType === 3 || node.nodeType === 4) {
      // `\S` is exactly what trim() keeps: both use the WhiteSpace and LineTerminator sets.
      if (NOT_BLANK.test((node as unknown as { textContent: string }).textContent)) return false;
    }
    const first = node.nodeType === ELEMENT_NODE ? node.firstChild : null;
    if (first) {
      node = first;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    if (!node || node === root) return true;
    node = node.nextSibling;
  }
  return true;
}

const NOT_BLANK = /\S/;

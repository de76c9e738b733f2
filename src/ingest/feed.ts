/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom → one RawDocument per item. linkedom's XML parser never expands DTD entities
 * and never fetches anything, so external entities and entity-expansion bombs stay inert text.
 */
import { DOMParser } from "linkedom";
import type { RawDocument } from "../types.js";

interface FeedElement {
  localName: string;
  tagName: string;
  textContent: string | null;
  children: ArrayLike<FeedElement>;
  getAttribute(name: string): string | null;
}

function childrenOf(el: FeedElement): FeedElement[] {
  return Array.from(el.children);
}

/** The first child whose tag name (with or without prefix) is one of `names`. */
function child(el: FeedElement, names: string[]): FeedElement | undefined {
  for (const name of names) {
    const found = childrenOf(el).find(
      (c) => c.tagName === name || c.tagName.toLowerCase() === name.toLowerCase(),
    );
    if (found) return found;
  }
  return undefined;
}

function text(el: FeedElement | undefined): string | undefined {
  const value = el?.textContent?.trim();
  return value ? value : undefined;
}

function atomLink(entry: FeedElement): string | undefined {
  const links = childrenOf(entry).filter((c) => c.tagName.toLowerCase() === "link");
  const alternate = links.find((l) => (l.getAttribute("rel") ?? "alternate") === "alternate") ?? links[0];
  return alternate?.getAttribute("href") ?? text(alternate);
}

export interface ParsedFeed {
  title: string | null;
  items: RawDocument[];
}

/** Throws when the text holds no RSS or Atom root. */
export function parseFeed(xml: string, source: string): ParsedFeed {
  const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as {
    querySelectorAll(s: string): ArrayLike<FeedElement>;
    documentElement: FeedElement | null;
  };
  const root = doc.documentElement;
  const rootName = root?.tagName.toLowerCase() ?? "";
  if (!root || !["rss", "feed", "rdf:rdf"].includes(rootName)) {
    throw new Error(`no RSS or Atom root element (found <${rootName || "nothing"}>)`);
  }
  const isAtom = rootName === "feed";
  const channel = isAtom ? root : (child(root, ["channel"]) ?? root);
  const feedTitle = text(child(channel, ["title"])) ?? null;
  const entries = Array.from(doc.querySelectorAll(isAtom ? "entry" : "item"));
  const items: RawDocument[] = [];
  entries.forEach((entry, index) => {
    const full = text(child(entry, ["content:encoded", "content"]));
    const summary = text(child(entry, ["description", "summary"]));
    const content = full ?? summary;
    if (!content) return;
    const title = text(child(entry, ["title"]));
    const url = isAtom ? atomLink(entry) : (text(child(entry, ["link"])) ?? text(child(entry, ["guid"])));
    const published = text(child(entry, ["pubDate", "published", "dc:date", "updated"]));
    const byline = text(child(entry, ["dc:creator", "author"]));
    const id = text(child(entry, ["guid", "id"]));
    const hints: RawDocument["hints"] = {};
    if (id) hints.id = id;
    if (title) hints.title = title;
    if (url) hints.url = url;
    if (published) hints.published = published;
    if (feedTitle) hints.outlet = feedTitle;
    if (byline) hints.byline = byline.replace(/\s+/g, " ");
    const isHtml = /<[a-z][^>]*>/i.test(content);
    items.push({
      source: `${source}#${index + 1}`,
      kind: "feed",
      contentType: isHtml ? "text/html" : "text/plain",
      content,
      hints,
    });
  });
  return { title: feedTitle, items };
}

/**
 * Metadata of an HTML page, each field from the most trusted place that has it:
 * title (JSON-LD headline, og:title, the article's h1, <title>), date (JSON-LD, meta tags, <time>, URL, dateline
 * text — `publishedFrom` says which won), outlet (og:site_name, JSON-LD publisher, application-name, domain),
 * byline, language (html lang) and a claimed source (a page saying its story comes from another outlet).
 */
import type { PublishedFrom } from "../types.js";
import { parseDate } from "./dates.js";
import { normalizeLanguageTag } from "./language.js";
import { normalizeLine } from "./paragraphs.js";

/** The minimal DOM surface we use (linkedom's document). */
export interface MetaDocument {
  querySelector(selector: string): MetaElement | null;
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
  documentElement: MetaElement | null;
}
export interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** Meta tags naming the publication date, most specific first. Data: add a CMS's tag here. */
export const DATE_META = [
  "article:published_time",
  "og:published_time",
  "og:article:published_time",
  "datePublished",
  "pubdate",
  "publishdate",
  "publish-date",
  "publish_date",
  "parsely-pub-date",
  "sailthru.date",
  "dc.date.issued",
  "dc.date",
  "dcterms.created",
  "date",
  "article.published",
  "cxenseparse:recs:publishtime",
  "article:modified_time",
];

/** Tag names of the form `<prefix>-post-date`, `<prefix>_publish_date`, `<prefix>:published-date`. */
const GENERIC_DATE_META = /(?:^|[-_:.])(?:post|pub|publish|published|release)[-_.]?(?:date|time)$/;

export const SITE_META = [
  "og:site_name",
  "application-name",
  "twitter:site",
  "publisher",
  "cxenseparse:site",
];
export const AUTHOR_META = [
  "author",
  "article:author",
  "parsely-author",
  "sailthru.author",
  "dc.creator",
  "byl",
];

/** Every <meta> of the page by its property/name/itemprop (lower-cased), first value wins. Built once. */
type MetaIndex = Map<string, string>;

function indexMetas(metas: MetaElement[]): MetaIndex {
  const index: MetaIndex = new Map();
  for (const meta of metas) {
    const content = meta.getAttribute("content")?.trim();
    if (!content) continue;
    for (const attr of ["property", "name", "itemprop"]) {
      const key = meta.getAttribute(attr)?.toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function metaContent(index: MetaIndex, names: string[]): string | null {
  for (const name of names) {
    const value = clean(index.get(name.toLowerCase()));
    if (value) return value;
  }
  return null;
}

type JsonLd = Record<string, unknown>;

function flattenJsonLd(value: unknown, out: JsonLd[] = []): JsonLd[] {
  if (Array.isArray(value)) for (const v of value) flattenJsonLd(v, out);
  else if (value && typeof value === "object") {
    const obj = value as JsonLd;
    out.push(obj);
    if (obj["@graph"]) flattenJsonLd(obj["@graph"], out);
  }
  return out;
}

const ARTICLE_TYPES = /(?:Article|BlogPosting|Report|NewsArticle|WebPage|Posting)$/;

function jsonLdArticle(scripts: MetaElement[]): JsonLd | null {
  const objects: JsonLd[] = [];
  for (const script of scripts) {
    if (!/ld\+json/i.test(script.getAttribute("type") ?? "")) continue;
    try {
      flattenJsonLd(JSON.parse(script.textContent ?? ""), objects);
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  const typed = (o: JsonLd) => {
    const t = o["@type"];
    const types = Array.isArray(t) ? t : [t];
    return types.some((x) => typeof x === "string" && ARTICLE_TYPES.test(x) && x !== "WebPage");
  };
  return objects.find(typed) ?? objects.find((o) => "datePublished" in o || "headline" in o) ?? null;
}

/** Values CMS templates print when a field is missing. */
const PLACEHOLDER = /^(?:undefined|null|none|nan|n\/a|\[object object\]|false|0)$/i;

/**
 * Character references in metadata strings: JSON-LD and meta contents are often HTML-escaped twice
 * ("&#8216;", "&amp;amp;"). Numeric references and the common named ones; hand-written because linkedom
 * exposes no decoder and a full entity table would be a dependency for a handful of characters.
 */
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  ndash: "–",
  mdash: "—",
  hellip: "…",
};
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (whole, dec, hex, name) => {
    const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : -1;
    if (code >= 0) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return NAMED[(name as string).toLowerCase()] ?? whole;
  });
}

/** A metadata string as a person would read it, or null when it is empty or a placeholder. */
function clean(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = normalizeLine(decodeEntities(decodeEntities(value)));
  return text && !PLACEHOLDER.test(text) ? text : null;
}

function nameOf(value: unknown): string | null {
  if (typeof value === "string") return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((x): x is string => x !== null);
    return names.length ? names.join(", ") : null;
  }
  if (value && typeof value === "object") return nameOf((value as JsonLd).name);
  return null;
}

export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m =
    /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|[-_]|$)/.exec(url) ??
    /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(url);
  if (!m) return null;
  return parseDate(`${m[1]}-${m[2]?.padStart(2, "0")}-${m[3]?.padStart(2, "0")}`);
}

export function domainOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./, "") || null;
  } catch {
    return null;
  }
}

/** "Opinion | Title": a one- or two-word section before a bar, and the rest (at least three words). */
function sectionPrefix(title: string): { section: string; title: string } | null {
  const bar = /^([\p{L}&' ]{2,25}?)\s+[|｜]\s+(.+)$/u.exec(title);
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  if (bar?.[1] && bar[2] && words(bar[1]) <= 2 && words(bar[2]) >= 3)
    return { section: bar[1], title: bar[2] };
  return null;
}

/** "Title | Site", "Title - Site", "Site: Title" → the title, and the site part when one was cut. */
export function stripTitleAffixes(
  title: string,
  site: string | null,
): { title: string; site: string | null; section?: string } {
  const separators = /\s+(?:[|｜•·»]|[-–—:])\s+/;
  const parts = title.split(separators);
  if (parts.length < 2) return { title, site: null };
  const siteKey = site?.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "") ?? "";
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const first = parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  // Cut the part that is the known site name, else a short trailing part (≤ 4 words) after a longer title.
  if (siteKey && (key(last) === siteKey || (siteKey.length > 3 && key(last).includes(siteKey)))) {
    const cut = title.slice(0, title.lastIndexOf(last)).replace(/\s*(?:[|｜•·»]|[-–—:])\s*$/, "");
    // What is left may still carry a section prefix ("Analysis | …").
    const rest = cut ? sectionPrefix(cut) : null;
    if (rest) return { title: rest.title, site: last, section: rest.section };
    return { title: cut || title, site: last };
  }
  if (siteKey && key(first) === siteKey) return { title: parts.slice(1).join(" - "), site: first };
  // "Opinion | Title": a one- or two-word section before a bar.
  const bar = sectionPrefix(title);
  if (bar) {
    const rest = stripTitleAffixes(bar.title, site);
    return { title: rest.title, site: rest.site, section: bar.section };
  }
  if (/\s[|｜]\s/.test(title) && words(last) <= 4 && words(title) - words(last) >= 3) {
    return { title: title.slice(0, title.lastIndexOf(last)).replace(/\s*[|｜]\s*$/, ""), site: last };
  }
  if (
    /\s[-–—]\s/.test(title) &&
    words(last) <= 3 &&
    words(title) - words(last) >= 4 &&
    /^[\p{Lu}\d]/u.test(last)
  ) {
    return { title: title.slice(0, title.lastIndexOf(last)).replace(/\s*[-–—]\s*$/, ""), site: last };
  }
  return { title, site: null };
}

const DOMAIN_SHAPED = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
/** Second-level labels under a country code that are part of the public suffix (bbc.co.uk, yna.co.kr). */
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "or", "ne", "go", "edu"]);

/**
 * The brand of a domain or outlet name, for comparing them: the label before the public suffix of a
 * domain ("news.bbc.co.uk" → "bbc", "bbc.com" → "bbc"), or a name's letters and digits ("BBC News" → "bbcnews").
 */
export function brandOf(value: string): string {
  const v = value.trim().toLowerCase();
  if (!DOMAIN_SHAPED.test(v)) return v.replace(/[^\p{L}\p{N}]/gu, "");
  const labels = v.split(".");
  const last = labels.length - 1;
  const suffixLabels = (labels[last]?.length ?? 0) === 2 && SECOND_LEVEL.has(labels[last - 1] ?? "") ? 2 : 1;
  return labels[last - suffixLabels] ?? v;
}

export interface HtmlMeta {
  title: string | null;
  section: string | null;
  published: string | null;
  publishedFrom: PublishedFrom;
  outlet: string | null;
  byline: string | null;
  language: string | null;
  url: string | null;
  claimedSource: string | null;
}

/** The elements metadata can come from. */
export const META_TAGS = ["meta", "link", "script", "time", "h1", "title"] as const;

/**
 * `elements`: those elements by tag name, when the caller already walked the tree (html.ts does, once, for
 * everything it needs); otherwise one query collects them.
 */
export function readHtmlMeta(
  doc: MetaDocument,
  pageUrl: string | null,
  elements?: Map<string, MetaElement[]>,
): HtmlMeta {
  let byTag = elements;
  if (!byTag) {
    byTag = new Map<string, MetaElement[]>();
    for (const el of Array.from(doc.querySelectorAll(META_TAGS.join(", ")))) {
      const tag = (el as unknown as { localName: string }).localName;
      const list = byTag.get(tag);
      if (list) list.push(el);
      else byTag.set(tag, [el]);
    }
  }
  const all = (tag: string) => byTag.get(tag) ?? [];
  const metas = indexMetas(all("meta"));
  const ld = jsonLdArticle(all("script"));
  const canonical =
    all("link")
      .find((l) => l.getAttribute("rel")?.toLowerCase() === "canonical")
      ?.getAttribute("href") ??
    metaContent(metas, ["og:url"]) ??
    null;
  const url = pageUrl ?? (canonical && /^https?:\/\//.test(canonical) ? canonical : null);

  const site =
    metaContent(metas, ["og:site_name", "application-name"]) ??
    nameOf(ld?.publisher) ??
    metaContent(metas, ["cxenseparse:site", "publisher"]) ??
    null;
  // Some pages put their URL in og:site_name: keep the domain.
  let outlet = site && /^https?:\/\//i.test(site) ? domainOf(site) : site;

  const rawTitle =
    nameOf(ld?.headline) ??
    metaContent(metas, ["og:title", "twitter:title", "headline", "title", "dc.title"]) ??
    (normalizeLine(all("h1")[0]?.textContent ?? "") || null) ??
    normalizeLine(all("title")[0]?.textContent ?? "");
  const stripped: { title: string; site: string | null; section?: string } = rawTitle
    ? stripTitleAffixes(normalizeLine(rawTitle), site)
    : { title: "", site: null };
  const section =
    stripped.section ??
    metaContent(metas, ["article:section", "section", "parsely-section"]) ??
    nameOf(ld?.articleSection);

  let published: string | null = null;
  let publishedFrom: PublishedFrom = "none";
  const ldDate = typeof ld?.datePublished === "string" ? parseDate(ld.datePublished) : null;
  if (ldDate) [published, publishedFrom] = [ldDate, "json-ld"];
  if (!published) {
    // The first date tag that holds a readable date (a CMS may fill one with a hash or a bare time).
    for (const name of DATE_META) {
      const value = metaContent(metas, [name]);
      const parsed = value ? parseDate(value) : null;
      if (parsed) {
        [published, publishedFrom] = [parsed, "meta"];
        break;
      }
    }
    // Then any tag whose name says "published/post date" in a CMS's own namespace ("xyz-post-date").
    for (const [name, value] of published ? [] : metas) {
      if (!GENERIC_DATE_META.test(name)) continue;
      const parsed = parseDate(value);
      if (parsed) {
        [published, publishedFrom] = [parsed, "meta"];
        break;
      }
    }
  }
  if (!published) {
    for (const time of all("time")) {
      const parsed = parseDate(time.getAttribute("datetime") ?? time.textContent ?? "");
      if (parsed) {
        [published, publishedFrom] = [parsed, "time-element"];
        break;
      }
    }
  }
  if (!published) {
    const fromUrl = dateFromUrl(url);
    if (fromUrl) [published, publishedFrom] = [fromUrl, "url"];
  }

  const byline =
    nameOf(ld?.author) ??
    metaContent(metas, AUTHOR_META) ??
    (normalizeLine(
      doc.querySelector('[rel="author"], [itemprop="author"], .byline, .author-name')?.textContent ?? "",
    ) ||
      null);

  const language =
    normalizeLanguageTag(doc.documentElement?.getAttribute("lang")) ??
    normalizeLanguageTag(metaContent(metas, ["og:locale", "content-language", "language"]));

  // A page that names another outlet as its source (syndication metadata).
  const claimed = metaContent(metas, ["original-source", "syndication-source", "dcterms.source"]);
  let claimedSource = claimed && domainOf(claimed) !== domainOf(url) ? (domainOf(claimed) ?? claimed) : null;
  // A title signed with another site's domain ("… - BBC.co.uk" on a page that is not the BBC's): content
  // farms and rewriters brand their copies so. Only a domain-shaped suffix counts; a name ("… - BBC News")
  // is too often the site's own brand written differently.
  if (!claimedSource && stripped.site && DOMAIN_SHAPED.test(stripped.site)) {
    const own = [domainOf(url), outlet].filter((x): x is string => Boolean(x)).map(brandOf);
    const theirs = brandOf(stripped.site);
    if (
      theirs &&
      !own.some(
        (o) =>
          o === theirs || (o.length > 3 && theirs.length > 3 && (o.includes(theirs) || theirs.includes(o))),
      )
    ) {
      claimedSource = stripped.site;
    }
  }
  // The site name cut from the title is the outlet when the page names none (and it is not a claim).
  if (!outlet && stripped.site && stripped.site !== claimedSource) outlet = stripped.site;
  outlet ??= domainOf(url);

  return {
    title: stripped.title || null,
    section: section ? normalizeLine(section) : null,
    published,
    publishedFrom,
    outlet: outlet ? normalizeLine(outlet.replace(/^@/, "")) : null,
    byline: byline ? normalizeLine(byline).replace(/^by\s+/i, "") : null,
    language,
    url,
    claimedSource,
  };
}

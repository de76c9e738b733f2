/**
 * JSON/JSONL records → RawDocument. Corpora name their fields differently; FIELD_NAMES lists, in order of
 * preference, which field feeds which part of a document. Edit it to teach ingest a new corpus layout.
 */
import type { DocumentHints, RawDocument, SourceKind } from "../types.js";

export const FIELD_NAMES = {
  text: [
    "text",
    "body",
    "story_text",
    "content",
    "articleBody",
    "article",
    "full_text",
    "description",
    "summary",
  ],
  html: ["html", "raw_html", "content_html"],
  title: ["title", "headline", "name"],
  url: ["url", "link", "source_url", "canonical_url"],
  published: [
    "published",
    "published_at",
    "date",
    "publishedAt",
    "pubDate",
    "datePublished",
    "published_time",
    "time",
  ],
  outlet: ["outlet", "source", "site", "site_name", "publisher", "domain"],
  id: ["id", "_id", "uid", "doc_id"],
  byline: ["byline", "author", "authors"],
  section: ["section", "topic", "category"],
} as const;

function pickString(record: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number" && name !== "time") return String(value);
    // {"source": {"name": "..."}} (NewsAPI) and ["author one", "author two"].
    if (value && typeof value === "object") {
      if (Array.isArray(value)) {
        const parts = value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
        if (parts.length) return parts.join(", ");
      } else {
        const nested = (value as Record<string, unknown>).name;
        if (typeof nested === "string" && nested.trim() !== "") return nested.trim();
      }
    }
  }
  return undefined;
}

const LOOKS_HTML = /<(?:p|div|br|article|section|span|h[1-6]|ul|li|a|html|body)[\s>/]/i;

/** Returns null when the record has no text to analyze. */
export function recordToDocument(
  record: Record<string, unknown>,
  source: string,
  kind: SourceKind,
): RawDocument | null {
  const html = pickString(record, FIELD_NAMES.html);
  const text = html ?? pickString(record, FIELD_NAMES.text);
  if (!text) return null;
  const hints: DocumentHints = {};
  const fields = ["id", "title", "url", "published", "outlet", "byline", "section"] as const;
  for (const field of fields) {
    const value = pickString(record, FIELD_NAMES[field]);
    if (value !== undefined) hints[field] = value;
  }
  const isHtml = html !== undefined || LOOKS_HTML.test(text.slice(0, 2000));
  return { source, kind, contentType: isHtml ? "text/html" : "text/plain", content: text, hints };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What a file holds, by looking at its first characters (content sniffing), with the extension only as a
 * tie-breaker: scraped corpora are full of `.txt` files that hold HTML and `.json` files that hold JSON lines.
 */
export type ContentFormat = "html" | "feed" | "json" | "jsonl" | "text";

const HTML_START =
  /^<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|header|span|h[1-6]|table|ul|!--)[\s>/]/i;
const FEED_ROOT = /<(?:rss|feed|rdf:RDF)[\s>]/;

/** `head` is the first few KB of the decoded content. */
export function sniffFormat(head: string, name = ""): ContentFormat {
  const lower = name.toLowerCase().replace(/\.gz$/, "");
  const start = head.replace(/^[\s\uFEFF]+/, "").slice(0, 4096);
  if (start.startsWith("<?xml") || /^<(?:rss|feed|rdf:RDF)[\s>]/.test(start)) {
    if (FEED_ROOT.test(start)) return "feed";
    if (/<html[\s>]/i.test(start)) return "html";
    return "feed";
  }
  if (start.startsWith("<")) {
    if (FEED_ROOT.test(start.slice(0, 600)) && !/<html[\s>]/i.test(start)) return "feed";
    if (HTML_START.test(start) || /<(?:p|div|br)[\s>/]/i.test(start)) return "html";
  }
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) {
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
    if (lower.endsWith(".json")) return "json";
    // One object per line: the first line closes the first object.
    const firstLine = start.split("\n", 1)[0] ?? "";
    try {
      JSON.parse(firstLine);
      return start.length > firstLine.length + 1 ? "jsonl" : "json";
    } catch {
      return "json";
    }
  }
  if (/\.(?:html?|xhtml)$/.test(lower) && /<[a-z!]/i.test(start)) return "html";
  return "text";
}

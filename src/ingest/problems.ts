import type { IngestProblem } from "../types.js";

/**
 * Every way an input can fail, with the hint shown to the user. Kept as data so the CLI, the HTTP API and the
 * store all describe a problem the same way.
 */
export const PROBLEM_HINTS = {
  NOT_FOUND: "check the path; folders are read recursively",
  NOT_READABLE: "check the file's permissions",
  TOO_LARGE:
    "split the input or raise the limit (--max-bytes; for JSON lines it applies to each record) if you trust it",
  EMPTY: "the input holds no text; skip it or check how it was saved",
  BAD_JSON: "each JSON line must be one object; fix or remove this record",
  NO_TEXT: "give the record a text field (text, body, story_text, content or description)",
  GZIP_BOMB: "the file expands far beyond what text compresses to; decompress it yourself if you trust it",
  BAD_GZIP: "the file is not valid gzip; decompress it yourself to see what is wrong",
  BAD_FEED: "the feed could not be parsed as RSS or Atom; open it in a browser to check it",
  UNSUPPORTED: "give a text, HTML, JSON/JSONL or RSS/Atom file, or an http(s) URL",
  ARCHIVE:
    "Watchdesk opens no archives (only .gz files); unpack it yourself, check what it holds, and ingest that folder",
  BAD_URL: "give a full http:// or https:// URL",
  PRIVATE_ADDRESS:
    "the host resolves to a private or local address; pass --allow-private-network if you mean it",
  DNS_FAILED: "check the host name and your network connection",
  FETCH_FAILED: "check the URL and your network connection; try again later",
  TIMEOUT: "the server is slow; raise --timeout or try again later",
  HTTP_STATUS: "the server refused the page; check the URL in a browser",
  TOO_MANY_REDIRECTS: "the URL redirects too often; give the final URL directly",
  UNSUPPORTED_CONTENT: "the URL does not serve text, HTML, JSON or a feed",
} as const;

export type ProblemCode = keyof typeof PROBLEM_HINTS;

export function problem(source: string, code: ProblemCode, message: string): IngestProblem {
  return { source, code, message, hint: PROBLEM_HINTS[code] };
}

export function isIngestProblem<T extends object>(x: T | IngestProblem): x is IngestProblem {
  return "code" in x && "hint" in x && !("content" in x);
}

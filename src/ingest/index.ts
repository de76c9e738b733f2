/**
 * Ingest: turn paths, folders and URLs into RawDocuments. Nothing here throws for a bad input: every problem
 * is yielded as an IngestProblem (code, source, message, hint) and the rest of the batch goes on.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { IngestProblem, RawDocument, SourceKind } from "../types.js";
import { decodeBytes } from "./decode.js";
import { parseFeed } from "./feed.js";
import {
  LineTooLong,
  MAX_GZIP_RATIO,
  SizeLimitError,
  openContent,
  readAll,
  readHead,
  readLines,
} from "./files.js";
import type { HostCheck } from "./netguard.js";
import { problem } from "./problems.js";
import { isRecord, recordToDocument } from "./records.js";
import { type ContentFormat, sniffFormat } from "./sniff.js";
import { type FetchLimits, fetchUrl } from "./url.js";

export { isIngestProblem, PROBLEM_HINTS } from "./problems.js";
export { checkHost, isPrivateAddress, type HostCheck } from "./netguard.js";
export { sniffFormat, type ContentFormat } from "./sniff.js";
export { decodeBytes } from "./decode.js";
export { FIELD_NAMES } from "./records.js";

export interface IngestOptions {
  allowPrivateNetwork?: boolean;
  /** Hosts allowed past the private-address guard: `host` or `host:port` (see url.ts). */
  allowHosts?: string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** For tests only: replaces the private-address guard. */
  hostCheck?: (hostname: string) => Promise<HostCheck>;
  /** For tests only: replaces DNS at connect time (see url.ts). */
  resolveAll?: FetchLimits["resolveAll"];
}

/** One unit of work for progress bars: a file path or a URL. Folders are expanded recursively. */
export interface InputItem {
  source: string;
  kind: "file" | "url";
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 5;

/**
 * Files in a folder that are certainly not documents (given by name on the command line they are still tried).
 * Archives (.zip, .tar, .7z) are not among them: a bundle of articles left in a folder is something the user
 * meant to give, so it is read and refused by its first bytes with an ARCHIVE problem that names it.
 */
export const SKIPPED_EXTENSIONS = new Set([
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".webp",
  ".svg",
  ".ico",
  ".pdf",
  ".mp3",
  ".mp4",
  ".woff",
  ".woff2",
  ".ttf",
  ".css",
  ".js",
  ".mjs",
  ".map",
  ".db",
  ".sqlite",
  ".exe",
  ".so",
  ".dll",
]);

function limitsOf(options: IngestOptions = {}) {
  return {
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    timeoutMs: options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes && options.maxBytes > 0 ? options.maxBytes : DEFAULT_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    ...(options.allowHosts?.length ? { allowHosts: options.allowHosts } : {}),
    ...(options.hostCheck ? { hostCheck: options.hostCheck } : {}),
    ...(options.resolveAll ? { resolveAll: options.resolveAll } : {}),
  };
}

async function walk(dir: string, out: InputItem[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    // Symlinked folders are not followed: no loops, no escaping the folder the user named.
    if (entry.isDirectory()) await walk(path, out);
    else if (
      entry.isFile() &&
      !SKIPPED_EXTENSIONS.has(extname(entry.name.replace(/\.gz$/i, "")).toLowerCase())
    ) {
      out.push({ source: path, kind: "file" });
    }
  }
}

export async function expandInputs(
  inputs: string[],
  _options?: IngestOptions,
): Promise<{ items: InputItem[]; problems: IngestProblem[] }> {
  const items: InputItem[] = [];
  const problems: IngestProblem[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      items.push({ source: input, kind: "url" });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      problems.push(problem(input, "BAD_URL", "only http:// and https:// URLs can be fetched"));
      continue;
    }
    try {
      const info = await stat(input);
      if (info.isDirectory()) await walk(input, items);
      else items.push({ source: input, kind: "file" });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR")
        problems.push(problem(input, "NOT_FOUND", "no such file or folder"));
      else problems.push(problem(input, "NOT_READABLE", `cannot read: ${(error as Error).message}`));
    }
  }
  return { items, problems };
}

/** Archive formats by their first bytes (gzip is not one: it is read transparently). */
const ARCHIVES: [name: string, magic: number[], at?: number][] = [
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
  ["zip", [0x50, 0x4b, 0x05, 0x06]],
  ["zip", [0x50, 0x4b, 0x07, 0x08]],
  ["7z", [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ["rar", [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["bzip2", [0x42, 0x5a, 0x68]],
  ["tar", [0x75, 0x73, 0x74, 0x61, 0x72], 257],
];

/**
 * The archive format of these first bytes, or null. Checked before decoding: decoding drops NUL bytes, after
 * which a zip of plain text (or a zip bomb) passes for a text document.
 */
export function archiveFormat(bytes: Uint8Array): string | null {
  for (const [name, magic, at = 0] of ARCHIVES) {
    if (magic.every((b, i) => bytes[at + i] === b)) {
      // "BZh" opens some words too: bzip2 needs its block size digit and block magic as well.
      if (name === "bzip2" && !(bytes[3] && bytes[3] >= 0x31 && bytes[3] <= 0x39 && bytes[4] === 0x31))
        continue;
      return name;
    }
  }
  return null;
}

/** Many control characters in the first bytes: an image, an archive, a database — not a document. */
function looksBinary(head: string): boolean {
  const sample = head.slice(0, 2048);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32)) && c !== 27) control++;
  }
  return control / sample.length > 0.05;
}

function jsonDocuments(value: unknown, source: string, kind: SourceKind): (RawDocument | IngestProblem)[] {
  let records: unknown[];
  let numbered = true;
  if (Array.isArray(value)) records = value;
  else if (isRecord(value)) {
    // {"articles": [...]}, {"items": [...]}: a wrapper around the records.
    const wrapped = ["articles", "items", "documents", "data", "results", "records"]
      .map((k) => value[k])
      .find((v) => Array.isArray(v) && v.some(isRecord));
    if (wrapped) records = wrapped as unknown[];
    else {
      records = [value];
      numbered = false;
    }
  } else return [problem(source, "BAD_JSON", "the JSON holds neither an object nor an array of objects")];
  const out: (RawDocument | IngestProblem)[] = [];
  records.forEach((record, i) => {
    const where = numbered ? `${source}#${i + 1}` : source;
    if (!isRecord(record)) out.push(problem(where, "BAD_JSON", "this record is not a JSON object"));
    else
      out.push(
        recordToDocument(record, where, kind) ?? problem(where, "NO_TEXT", "this record has no text field"),
      );
  });
  return out;
}

/** Documents held by decoded content of a known format. */
function documentsOf(
  text: string,
  format: ContentFormat,
  source: string,
  kind: SourceKind,
  url?: string,
): (RawDocument | IngestProblem)[] {
  if (text.trim() === "") return [problem(source, "EMPTY", "the input is empty")];
  if (format === "feed") {
    try {
      const feed = parseFeed(text, source);
      if (feed.items.length === 0) return [problem(source, "EMPTY", "the feed has no item with text")];
      return feed.items;
    } catch (error) {
      return [problem(source, "BAD_FEED", `not a readable feed: ${(error as Error).message}`)];
    }
  }
  if (format === "json" || format === "jsonl") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (text.includes("\n")) return jsonlDocuments(text.split("\n"), source);
      return [problem(source, "BAD_JSON", "the file is not valid JSON")];
    }
    return jsonDocuments(value, source, format === "jsonl" ? "jsonl" : "json");
  }
  const hints = url ? { url } : {};
  return [
    { source, kind, contentType: format === "html" ? "text/html" : "text/plain", content: text, hints },
  ];
}

function jsonlLine(line: string, n: number, source: string): RawDocument | IngestProblem | null {
  const trimmed = line.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return null;
  const where = `${source}#${n}`;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return problem(where, "BAD_JSON", `line ${n} is not valid JSON`);
  }
  if (!isRecord(value)) return problem(where, "BAD_JSON", `line ${n} is not a JSON object`);
  return recordToDocument(value, where, "jsonl") ?? problem(where, "NO_TEXT", `line ${n} has no text field`);
}

function jsonlDocuments(lines: string[], source: string): (RawDocument | IngestProblem)[] {
  const out: (RawDocument | IngestProblem)[] = [];
  lines.forEach((line, i) => {
    const doc = jsonlLine(line, i + 1, source);
    if (doc) out.push(doc);
  });
  return out;
}

function fileProblem(source: string, error: unknown, maxBytes: number): IngestProblem {
  if (error instanceof SizeLimitError) {
    if (error.ratio) {
      return problem(
        source,
        "GZIP_BOMB",
        `the gzip data expands to more than ${error.limit} bytes, over ${MAX_GZIP_RATIO}× its compressed size`,
      );
    }
    return problem(source, "TOO_LARGE", `the content is larger than ${maxBytes} bytes (decompressed)`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return problem(source, "NOT_FOUND", "no such file");
  if (code === "EACCES" || code === "EISDIR") return problem(source, "NOT_READABLE", `cannot read: ${code}`);
  if (code?.startsWith("Z_")) return problem(source, "BAD_GZIP", `broken gzip data (${code})`);
  return problem(source, "NOT_READABLE", `cannot read: ${(error as Error).message}`);
}

async function* readFileInput(path: string, maxBytes: number): AsyncGenerator<RawDocument | IngestProblem> {
  let format: ContentFormat;
  let utf16 = false;
  try {
    const headBytes = await readHead(path, 8192, maxBytes);
    utf16 =
      (headBytes[0] === 0xff && headBytes[1] === 0xfe) || (headBytes[0] === 0xfe && headBytes[1] === 0xff);
    const archive = archiveFormat(headBytes);
    if (archive) {
      yield problem(path, "ARCHIVE", `this is a ${archive} archive, not a document`);
      return;
    }
    const head = decodeBytes(headBytes);
    if (looksBinary(head)) {
      yield problem(path, "UNSUPPORTED", "this looks like a binary file, not a document");
      return;
    }
    format = sniffFormat(head, basename(path));
  } catch (error) {
    yield fileProblem(path, error, maxBytes);
    return;
  }
  // JSON lines are streamed: the file may be any size, `maxBytes` bounds each record. Line streaming decodes
  // UTF-8; the rare UTF-16 JSONL file is read whole (bounded by maxBytes).
  if (format === "jsonl" && !utf16) {
    let n = 0;
    try {
      for await (const lines of readLines(path, maxBytes)) {
        for (const line of lines) {
          n++;
          if (line instanceof LineTooLong) {
            yield problem(
              `${path}#${n}`,
              "TOO_LARGE",
              `line ${n} is ${line.bytes} bytes long, more than the limit of ${maxBytes} bytes for one record`,
            );
            continue;
          }
          const doc = jsonlLine(line, n, path);
          if (doc) yield doc;
        }
      }
    } catch (error) {
      yield fileProblem(n > 0 ? `${path}#${n + 1}` : path, error, maxBytes);
    }
    return;
  }
  let text: string;
  try {
    text = decodeBytes(await readAll(await openContent(path, maxBytes)));
  } catch (error) {
    yield fileProblem(path, error, maxBytes);
    return;
  }
  const kind: SourceKind =
    format === "html" ? "html" : format === "feed" ? "feed" : format === "text" ? "text" : format;
  yield* documentsOf(text, format, path, kind);
}

function formatOfContentType(type: string, head: string, url: string): ContentFormat | null {
  if (type === "text/html" || type === "application/xhtml+xml")
    return sniffFormat(head, "page.html") === "feed" ? "feed" : "html";
  if (/(?:rss|atom|xml)/.test(type)) return "feed";
  if (type === "application/x-ndjson" || type === "application/jsonl") return "jsonl";
  if (/json/.test(type)) return "json";
  if (type === "" || type.startsWith("text/")) return sniffFormat(head, new URL(url).pathname);
  return null;
}

async function* readUrlInput(
  source: string,
  options: IngestOptions | undefined,
): AsyncGenerator<RawDocument | IngestProblem> {
  const fetched = await fetchUrl(source, limitsOf(options));
  if ("code" in fetched) {
    yield fetched;
    return;
  }
  const archive = archiveFormat(fetched.bytes);
  if (archive) {
    yield problem(source, "ARCHIVE", `the server sent a ${archive} archive, not a document`);
    return;
  }
  const text = decodeBytes(fetched.bytes, fetched.charset);
  const format = formatOfContentType(fetched.contentType, text.slice(0, 4096), fetched.url);
  if (!format) {
    yield problem(source, "UNSUPPORTED_CONTENT", `the server sent ${fetched.contentType}`);
    return;
  }
  for (const doc of documentsOf(text, format, source, format === "feed" ? "feed" : "url", fetched.url)) {
    if (!("code" in doc) && doc.kind !== "feed") doc.kind = "url";
    yield doc;
  }
}

/**
 * Read one item: a file may yield many documents (JSONL lines, feed items). Problems are yielded, never thrown,
 * so the rest of the batch goes on.
 */
export async function* readInput(
  item: InputItem,
  options?: IngestOptions,
): AsyncGenerator<RawDocument | IngestProblem> {
  if (item.kind === "url") yield* readUrlInput(item.source, options);
  else yield* readFileInput(item.source, limitsOf(options).maxBytes);
}

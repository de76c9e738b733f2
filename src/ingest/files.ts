/**
 * Reading files: bounded size, transparent gzip (bounded by the decompressed size, so a gzip bomb is refused
 * instead of filling memory), and JSONL streamed line by line so a large corpus never sits in memory whole.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";

export class SizeLimitError extends Error {
  /** `ratio`: the limit came from the compression ratio of a streamed .gz (a decompression bomb). */
  constructor(
    readonly limit: number,
    readonly ratio = false,
  ) {
    super(`more than ${limit} bytes`);
  }
}

/** Passes bytes through and fails the stream once more than `limit` bytes went by. */
export function byteLimit(limit: number, ratio = false): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(new SizeLimitError(limit, ratio));
      else done(null, chunk);
    },
  });
}

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * A byte stream of the file's content, gunzipped when it is gzip, failing past `maxBytes` (decompressed).
 * `streaming`: a plain file is not limited (the caller reads only its head); `ratioLimit`: `maxBytes` was
 * derived from the compression ratio, so the error says so.
 */
export async function openContent(
  path: string,
  maxBytes: number,
  streaming = false,
  ratioLimit = false,
): Promise<Readable> {
  const gz = await isGzipFile(path);
  if (!gz && !streaming) {
    const { size } = await stat(path);
    if (size > maxBytes) throw new SizeLimitError(maxBytes);
  }
  const raw = createReadStream(path);
  if (!gz) return streaming ? raw : raw.pipe(byteLimit(maxBytes));
  const gunzip = createGunzip();
  raw.on("error", (e) => gunzip.destroy(e));
  const limited = byteLimit(maxBytes, ratioLimit);
  gunzip.on("error", (e) => limited.destroy(e));
  return raw.pipe(gunzip).pipe(limited);
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The first `n` bytes of the (decompressed) content, for sniffing. */
export async function readHead(path: string, n: number, maxBytes: number): Promise<Buffer> {
  const stream = await openContent(path, Math.max(maxBytes, n), true);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/** A line longer than the per-record limit: skipped up to its end without being held in memory. */
export class LineTooLong {
  constructor(readonly bytes: number) {}
}

/**
 * How much larger than its compressed size a streamed .gz may grow. Text and JSON lines compress 3–10×;
 * beyond this ratio the file is a decompression bomb, and reading it would only burn time.
 */
export const MAX_GZIP_RATIO = 100;

const utf8 = new TextDecoder("utf-8", { fatal: false });

function decodeLine(pieces: Uint8Array[], length: number): string {
  const bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces, length);
  const text = utf8.decode(bytes);
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/**
 * Lines of a byte stream, split on "\n" by hand: readline would hold a line of any length in memory (a 1 GB
 * file without a newline is one line). A line over `maxLineBytes` is skipped to its end and reported as a
 * LineTooLong, so memory stays bounded by one line plus one chunk whatever the input. Lines come in batches,
 * one per chunk read, because an `await` per line costs more than the line (millions of blank lines).
 */
export async function* splitLines(
  stream: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<(string | LineTooLong)[]> {
  let pieces: Uint8Array[] = [];
  let length = 0;
  let skipping = false;
  for await (const chunk of stream) {
    const batch: (string | LineTooLong)[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      const size = end - start;
      if (skipping) length += size;
      else if (length + size > maxLineBytes) {
        skipping = true;
        pieces = [];
        length += size;
      } else if (size > 0) {
        // A copy, so that the chunk the piece came from is not kept alive by a short line.
        pieces.push(
          newline < 0 ? Uint8Array.prototype.slice.call(chunk, start, end) : chunk.subarray(start, end),
        );
        length += size;
      }
      if (newline < 0) break;
      batch.push(skipping ? new LineTooLong(length) : length === 0 ? "" : decodeLine(pieces, length));
      pieces = [];
      length = 0;
      skipping = false;
      start = newline + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (skipping) yield [new LineTooLong(length)];
  else if (length > 0) yield [decodeLine(pieces, length)];
}

/**
 * Lines of a (possibly gzipped) text file, streamed: no limit on the file's size (a 1 GB JSONL corpus is
 * read in constant memory), `maxLineBytes` per line, and a gzip may not expand past MAX_GZIP_RATIO times its
 * size (nor past `maxLineBytes`, whichever is larger).
 */
export async function* readLines(
  path: string,
  maxLineBytes: number,
): AsyncGenerator<(string | LineTooLong)[]> {
  const gz = await isGzipFile(path);
  let stream: Readable;
  if (gz) {
    const { size } = await stat(path);
    stream = await openContent(path, Math.max(maxLineBytes, size * MAX_GZIP_RATIO), false, true);
  } else stream = createReadStream(path);
  try {
    yield* splitLines(stream, maxLineBytes);
  } finally {
    stream.destroy();
  }
}

export { Readable };

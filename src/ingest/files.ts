/**
 * Reading files: bounded size, transparent gzip (bounded by the decompressed size, so a gzip bomb is refused
 * instead of filling memory), and JSONL streamed line by line so a large corpus never sits in memory whole.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";

export class SizeLimitError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/** Passes bytes through and fails the stream once more than `limit` bytes went by. */
export function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(new SizeLimitError(limit));
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

/** A byte stream of the file's content, gunzipped when it is gzip, failing past `maxBytes` (decompressed). */
export async function openContent(path: string, maxBytes: number, streaming = false): Promise<Readable> {
  const gz = await isGzipFile(path);
  if (!gz && !streaming) {
    const { size } = await stat(path);
    if (size > maxBytes) throw new SizeLimitError(maxBytes);
  }
  const raw = createReadStream(path);
  if (!gz) return streaming ? raw : raw.pipe(byteLimit(maxBytes));
  const gunzip = createGunzip();
  raw.on("error", (e) => gunzip.destroy(e));
  const limited = byteLimit(maxBytes);
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

/** Lines of a (possibly gzipped) text file, streamed. */
export async function* readLines(path: string, maxBytes: number): AsyncGenerator<string> {
  const gz = await isGzipFile(path);
  const stream = gz ? await openContent(path, maxBytes, false) : createReadStream(path);
  const lines = createInterface({ input: stream as Readable, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    (stream as Readable).destroy();
  }
}

export { Readable };

/**
 * A table of 32-bit numbers under the hashes of lower-case words, shipped beside the attribution model
 * (senses.bin, clusters.bin): a header (magic and row count), then gzip of the sorted hashes followed by their
 * values. It holds no words. Lookups are binary searches, memoised per word.
 */
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { assetPath } from "./assets.js";
import { hashString } from "./perceptron.js";

export interface HashTable {
  /** Word hashes, sorted. */
  keys: Uint32Array;
  /** The value of keys[i]. */
  vals: Uint32Array;
}

export function packHashTable(magic: string, entries: Map<string, number>): Buffer {
  const rows = [...entries].map(([w, v]) => [hashString(w), v] as const).sort((a, b) => a[0] - b[0]);
  const n = rows.length;
  const head = Buffer.alloc(magic.length + 4);
  head.write(magic, 0, "latin1");
  head.writeUInt32LE(n, magic.length);
  const cols = new Uint32Array(2 * n);
  rows.forEach(([key, v], i) => {
    cols[i] = key;
    cols[n + i] = v;
  });
  return Buffer.concat([head, gzipSync(Buffer.from(cols.buffer), { level: 9 })]);
}

/** The table of a file; `what` names it in errors ("sense table") and `rebuild` says how to rebuild it. */
export function unpackHashTable(magic: string, data: Buffer, what: string, rebuild: string): HashTable {
  if (data.subarray(0, magic.length).toString("latin1") !== magic)
    throw new Error(`not a Watchdesk ${what} (bad header; rebuild it with ${rebuild})`);
  const n = data.readUInt32LE(magic.length);
  const raw = gunzipSync(data.subarray(magic.length + 4));
  // Copied out: the Buffer's byte offset need not be a multiple of 4.
  const all = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  if (all.length !== 2 * n) throw new Error(`${what} is truncated`);
  return { keys: all.subarray(0, n), vals: all.subarray(n) };
}

/**
 * A memoised lookup in the table of the shipped asset `file` (read on first use by `load`): a word's value,
 * 0 when the word is unknown or the file is missing.
 */
export function assetLookup(file: string, load: (data: Buffer) => HashTable): (word: string) => number {
  let table: HashTable | null | undefined;
  const memo = new Map<string, number>();
  return (word) => {
    let v = memo.get(word);
    if (v !== undefined) return v;
    if (table === undefined) {
      const path = assetPath(file);
      table = path ? load(readFileSync(path)) : null;
    }
    v = 0;
    if (table) {
      const h = hashString(word);
      let lo = 0;
      let hi = table.keys.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const k = table.keys[mid] ?? 0;
        if (k === h) {
          v = table.vals[mid] ?? 0;
          break;
        }
        if (k < h) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    if (memo.size > 200_000) memo.clear();
    memo.set(word, v);
    return v;
  };
}

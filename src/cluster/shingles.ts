/**
 * Text → word shingles → 32-bit hashes. Normalisation folds case, curly quotes, dashes and punctuation so a
 * copy that only changed typography or added a site name still shares almost every shingle with its original.
 */

/** Words of a text after folding case, accents and punctuation. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .split(" ")
    .filter((w) => w.length > 0);
}

/** FNV-1a, 32 bit: fast and well spread for short strings; no library needed for twelve lines. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Hashes of the distinct `k`-word shingles of a text (a short text yields one shingle of all its words). */
export function shingleSet(text: string, k = 5): Uint32Array {
  const ws = words(text);
  const set = new Set<number>();
  if (ws.length === 0) return new Uint32Array(0);
  if (ws.length < k) set.add(fnv1a(ws.join(" ")));
  for (let i = 0; i + k <= ws.length; i++) set.add(fnv1a(ws.slice(i, i + k).join(" ")));
  return Uint32Array.from([...set].sort((a, b) => a - b));
}

/** A fingerprint of the normalised text: equal for exact copies that differ only in case and punctuation. */
export function textFingerprint(text: string): string {
  const ws = words(text).join(" ");
  return `${fnv1a(ws).toString(16)}:${fnv1a(ws, 0x12345678).toString(16)}:${ws.length}`;
}

/** Size of the intersection of two sorted hash sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Bytes → text. Handles what scraped files really contain: a UTF-8 or UTF-16 byte-order mark, UTF-16 without
 * one, a charset declared by HTTP or by an HTML `<meta>`, invalid UTF-8 (decoded to U+FFFD, never thrown) and
 * stray NUL bytes (dropped).
 */

const SUPPORTED_LEGACY = new Set([
  "windows-1252",
  "iso-8859-1",
  "latin1",
  "us-ascii",
  "ascii",
  "iso-8859-15",
]);

/** The charset named in an HTML `<meta charset>` / `http-equiv` within the first 2 KB, lower-cased. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,40})/i.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}

function looksUtf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 200);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.1) return "utf-16le";
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.1) return "utf-16be";
  return null;
}

function decodeWith(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  }
}

/** Decode a whole file or HTTP body. `declared` is a charset from HTTP headers, when there is one. */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    text = decodeWith("utf-8", bytes.subarray(3));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeWith("utf-16le", bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeWith("utf-16be", bytes.subarray(2));
  else {
    const utf16 = looksUtf16WithoutBom(bytes);
    if (utf16) text = decodeWith(utf16, bytes);
    else {
      const charset = (declared ?? sniffMetaCharset(bytes) ?? "utf-8").toLowerCase();
      text = SUPPORTED_LEGACY.has(charset) ? decodeWith("windows-1252", bytes) : decodeWith("utf-8", bytes);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

/**
 * Fetching one URL: a timeout over the whole exchange, a byte limit enforced while the (decompressed) body
 * streams, and redirects followed by hand so that every hop goes through the address guard.
 *
 * The guard sits in the connection itself: node:http(s) is given a `lookup` that resolves the host, refuses
 * it when any address is private (unless allowed), and hands the connection exactly the addresses it checked.
 * A host cannot pass the check with a public address and then be reached at 127.0.0.1 (DNS rebinding), as it
 * could if the check resolved the name and `fetch` resolved it again. Hand-written on node:http because
 * Node 20's global fetch takes no custom lookup without adding undici as a dependency.
 */
import { type LookupAddress, lookup as dnsLookup } from "node:dns";
import { type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { IngestProblem } from "../types.js";
import { checkHost, type HostCheck, isPrivateAddress, whyPrivate } from "./netguard.js";
import { problem } from "./problems.js";

export interface FetchLimits {
  allowPrivateNetwork: boolean;
  /**
   * Hosts the user allows even when they resolve to a private address: `host` (any port) or `host:port`
   * (an intranet server, a test's own local server). Every other host, and every redirect hop, still goes
   * through the guard.
   */
  allowHosts?: string[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Replaces the address check before a hop (tests: let the first hop reach a local server). */
  hostCheck?: (hostname: string) => Promise<HostCheck>;
  /** Replaces DNS resolution at connect time (tests: a name that resolves differently the second time). */
  resolveAll?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface Fetched {
  /** The final URL after redirects. */
  url: string;
  contentType: string;
  charset: string | null;
  bytes: Uint8Array;
}

/** Whether `url` is one of the explicitly allowed hosts (`host` or `host:port`, case-insensitive). */
export function isAllowedHost(url: URL, allowHosts: string[] | undefined): boolean {
  if (!allowHosts || allowHosts.length === 0) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowHosts.some((entry) => {
    const value = entry.trim().toLowerCase();
    // IPv6 hosts come bracketed ("[::1]"); a bare entry ("::1") names them too.
    if (value === host || value === host.replace(/^\[|\]$/g, "")) return true;
    return value === `${host}:${port}`;
  });
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

class RefusedAddress extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, ${describe(address)} address`);
  }
}

function describe(address: string): string {
  const kind = whyPrivate(address) ?? "private or local";
  return `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind}`;
}

const systemResolveAll = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * A `lookup` for node:net that resolves the host once, refuses it when any of its addresses is private
 * (unless `allowPrivate`), and connects to the addresses it checked.
 */
export function guardedLookup(
  allowPrivate: boolean,
  resolveAll: (hostname: string) => Promise<LookupAddress[]> = systemResolveAll,
): LookupFunction {
  type Callback = (error: Error | null, address?: string | LookupAddress[], family?: number) => void;
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: Callback) => {
    resolveAll(hostname).then(
      (all) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        const bad = allowPrivate ? undefined : all.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new RefusedAddress(hostname, bad.address));
        const first = addresses[0];
        if (!first)
          return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }));
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }) as unknown as LookupFunction;
}

function get(
  url: URL,
  limits: FetchLimits,
  signal: AbortSignal,
  allowPrivate: boolean,
): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "GET",
        signal,
        // No pooled sockets: each request connects through the guard, and none lingers after the batch.
        agent: false,
        lookup: guardedLookup(allowPrivate, limits.resolveAll),
        headers: {
          "user-agent": "watchdesk/0.1 (+https://github.com/watchdesk)",
          accept:
            "text/html,application/xhtml+xml,application/xml,application/json,text/plain;q=0.9,*/*;q=0.5",
          "accept-encoding": "gzip, deflate, br",
        },
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

/** The body, decompressed as the server encoded it (the byte limit applies to what comes out). */
function bodyOf(response: IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "").toLowerCase().trim();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : null;
  if (!decoder) return response;
  response.on("error", (e) => decoder.destroy(e));
  return response.pipe(decoder);
}

export async function fetchUrl(source: string, limits: FetchLimits): Promise<Fetched | IngestProblem> {
  let url = parseHttpUrl(source);
  if (!url) return problem(source, "BAD_URL", "not an http(s) URL");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  let hop = 0;
  const where = () => (hop > 0 ? ` (after redirect to ${url?.href})` : "");
  try {
    for (; ; hop++) {
      const allowPrivate = limits.allowPrivateNetwork || isAllowedHost(url, limits.allowHosts);
      // A literal address is never looked up, so it is checked here; a name is checked again at connect.
      if (!allowPrivate && (limits.hostCheck || isIP(url.hostname.replace(/^\[|\]$/g, "")))) {
        const check = await (limits.hostCheck ?? checkHost)(url.hostname);
        if (!check.ok) return problem(source, check.code, `${check.message}${where()}`);
      }
      const response = await get(url, limits, controller.signal, allowPrivate);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (hop >= limits.maxRedirects) {
          return problem(source, "TOO_MANY_REDIRECTS", `more than ${limits.maxRedirects} redirects`);
        }
        const next = parseHttpUrl(new URL(location, url).href);
        if (!next) return problem(source, "BAD_URL", "redirects to something that is not an http(s) URL");
        url = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        return problem(
          source,
          "HTTP_STATUS",
          `the server answered ${status} ${response.statusMessage ?? ""}`.trim(),
        );
      }
      const declared = Number(response.headers["content-length"] ?? "0");
      if (declared > limits.maxBytes) {
        response.destroy();
        return problem(
          source,
          "TOO_LARGE",
          `the page is ${declared} bytes, more than the limit of ${limits.maxBytes}`,
        );
      }
      const chunks: Buffer[] = [];
      let total = 0;
      const body = bodyOf(response);
      for await (const chunk of body) {
        total += (chunk as Buffer).length;
        if (total > limits.maxBytes) {
          body.destroy();
          response.destroy();
          return problem(source, "TOO_LARGE", `the page is more than the limit of ${limits.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const type = response.headers["content-type"] ?? "";
      const charset = /charset\s*=\s*"?([\w-]+)/i.exec(type)?.[1]?.toLowerCase() ?? null;
      return {
        url: url.href,
        contentType: type.split(";")[0]?.trim().toLowerCase() ?? "",
        charset,
        bytes: Buffer.concat(chunks),
      };
    }
  } catch (error) {
    if (controller.signal.aborted)
      return problem(source, "TIMEOUT", `no complete answer within ${limits.timeoutMs} ms`);
    const refused = error instanceof RefusedAddress ? error : (error as { cause?: unknown }).cause;
    if (refused instanceof RefusedAddress)
      return problem(source, "PRIVATE_ADDRESS", `${refused.message}${where()}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      return problem(source, "DNS_FAILED", `could not resolve ${url.hostname}${where()}`);
    if (code?.startsWith("Z_") || code === "ERR_STREAM_PREMATURE_CLOSE")
      return problem(source, "FETCH_FAILED", `the server sent a broken body (${code})`);
    return problem(source, "FETCH_FAILED", `could not fetch: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

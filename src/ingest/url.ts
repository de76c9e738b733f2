/**
 * Fetching one URL: global fetch, a timeout over the whole exchange (AbortController), a byte limit enforced
 * while the body streams, and redirects followed by hand so that every hop goes through the address guard.
 *
 * Known gap: the guard resolves the host, then fetch resolves it again (a DNS-rebinding window). Closing it
 * needs a custom undici dispatcher with a pinned lookup, which Node 20's global fetch does not expose without
 * adding undici as a dependency.
 */
import type { IngestProblem } from "../types.js";
import { checkHost, type HostCheck } from "./netguard.js";
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
  /** Replaces the address guard (tests: let the first hop reach a local server, check the rest for real). */
  hostCheck?: (hostname: string) => Promise<HostCheck>;
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

export async function fetchUrl(source: string, limits: FetchLimits): Promise<Fetched | IngestProblem> {
  let url = parseHttpUrl(source);
  if (!url) return problem(source, "BAD_URL", "not an http(s) URL");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      if (!limits.allowPrivateNetwork && !isAllowedHost(url, limits.allowHosts)) {
        const check = await (limits.hostCheck ?? checkHost)(url.hostname);
        if (!check.ok) {
          const where = hop > 0 ? ` (after redirect to ${url.href})` : "";
          return problem(source, check.code, `${check.message}${where}`);
        }
      }
      const response = await fetch(url, {
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "user-agent": "watchdesk/0.1 (+https://github.com/watchdesk)",
          accept:
            "text/html,application/xhtml+xml,application/xml,application/json,text/plain;q=0.9,*/*;q=0.5",
        },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (hop >= limits.maxRedirects) {
          return problem(source, "TOO_MANY_REDIRECTS", `more than ${limits.maxRedirects} redirects`);
        }
        const next = parseHttpUrl(new URL(response.headers.get("location") ?? "", url).href);
        if (!next) return problem(source, "BAD_URL", "redirects to something that is not an http(s) URL");
        url = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return problem(
          source,
          "HTTP_STATUS",
          `the server answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      const declared = Number(response.headers.get("content-length") ?? "0");
      if (declared > limits.maxBytes) {
        await response.body?.cancel();
        return problem(
          source,
          "TOO_LARGE",
          `the page is ${declared} bytes, more than the limit of ${limits.maxBytes}`,
        );
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > limits.maxBytes) {
            await reader.cancel();
            return problem(
              source,
              "TOO_LARGE",
              `the page is more than the limit of ${limits.maxBytes} bytes`,
            );
          }
          chunks.push(value);
        }
      }
      const type = response.headers.get("content-type") ?? "";
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
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return problem(source, "FETCH_FAILED", `could not fetch: ${cause ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

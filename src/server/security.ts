/**
 * The desk's outer defences, applied to every response and request:
 *  - security headers, with a Content-Security-Policy that allows scripts, styles and connections to this
 *    origin only (no inline script, no eval, no external CDN), no framing, no plugins;
 *  - a Host check, so a page on another site cannot reach a desk on localhost through DNS rebinding;
 *  - a rate limit on writes (and sign-in attempts);
 *  - request logging that never records a secret.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { ApiError } from "./errors.js";

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // The desk is served over plain HTTP on localhost; HSTS belongs to the TLS proxy in front, if any.
    strictTransportSecurity: false,
    // Same-origin referrers let the CSRF check fall back on Referer; nothing leaks to other sites.
    referrerPolicy: "same-origin",
    xFrameOptions: "DENY",
    crossOriginResourcePolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Refuse requests whose Host header names another server. A desk bound to loopback accepts only loopback
 * names; `allowed` adds the names it is reached by otherwise (its public host name behind a proxy).
 */
export function hostGuard(allowed: string[] | null): MiddlewareHandler {
  const extra = new Set((allowed ?? []).map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (allowed === null) return next();
    const header = c.req.header("host") ?? "";
    const name = header.replace(/:\d+$/, "");
    if (!isLoopbackHost(name) && !extra.has(name.toLowerCase())) {
      throw new ApiError(421, "WRONG_HOST", "this desk does not answer for that host name", {
        input: name.slice(0, 100),
        hint: "open the desk by the address it printed at start-up, or start it with --allow-host",
      });
    }
    return next();
  };
}

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/**
 * A fixed-window counter per key (token id or client address). Written here rather than taken from a
 * package because it is a dozen lines, runs in one process, and needs no store.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count one request; returns the seconds to wait when over the limit, or 0. */
  take(key: string): number {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.limit.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(t);
    }
    w.count += 1;
    if (w.count <= this.limit.max) return 0;
    return Math.max(1, Math.ceil((w.start + this.limit.windowMs - t) / 1000));
  }

  private sweep(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.limit.windowMs) this.windows.delete(k);
  }
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, "RATE_LIMITED", "too many write requests; wait a moment", {
    hint: `try again in ${retryAfter} s`,
    headers: { "Retry-After": String(retryAfter) },
  });
}

/** Query parameters whose values are never written to the log. */
const SECRET_PARAMS = /^(token|access_token|api_key|key|password|secret|_csrf|csrf|session)$/i;

/** A path with query for the log: secret-looking parameters and anything shaped like a token redacted. */
export function redactForLog(pathWithQuery: string): string {
  const [path = "", query] = pathWithQuery.split("?", 2);
  const scrub = (s: string) => s.replace(/wdt_[A-Za-z0-9_-]+/g, "wdt_[redacted]");
  if (query === undefined) return scrub(path);
  const params = new URLSearchParams(query);
  const out: string[] = [];
  for (const [k, v] of params) out.push(`${k}=${SECRET_PARAMS.test(k) ? "[redacted]" : v}`);
  return scrub(`${path}?${out.join("&")}`).slice(0, 500);
}

/**
 * One line per request: method, path (redacted), status, time and — for writes — the id of the token used,
 * never the token, the cookie, or any header or body.
 */
export function requestLog(write: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const url = new URL(c.req.url);
    const who = (c.get("identity" as never) as { id: string } | null | undefined)?.id;
    write(
      `${c.req.method} ${redactForLog(url.pathname + url.search)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms${who ? ` token=${who}` : ""}`,
    );
  };
}

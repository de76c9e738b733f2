/**
 * The desk as one Hono application: security headers and Host check on everything, who-is-asking on every
 * request, the JSON API under /api (with ETags), /openapi.json, and the web pages. Errors become JSON under
 * /api and an error page elsewhere.
 */
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { etag } from "hono/etag";
import type { IngestOptions } from "../ingest/index.js";
import type { Store } from "../store/types.js";
import { errorPage } from "../web/pages/forms.js";
import { buildWeb, pageContext } from "../web/routes.js";
import { buildApi } from "./api.js";
import { authenticate, type DeskEnv, Sessions } from "./auth.js";
import { sqliteDataVersion, withReadCache } from "./cache.js";
import { ApiError, toErrorBody } from "./errors.js";
import { hostGuard, type RateLimit, RateLimiter, requestLog, securityHeaders } from "./security.js";

export interface DeskOptions {
  store: Store;
  /** Reads without a token (default true; the CLI turns it off for a desk bound beyond loopback). */
  openReads?: boolean;
  /** Host names accepted besides loopback ones; null accepts any (tests, or a desk behind a proxy). */
  allowedHosts?: string[] | null;
  /** Writes allowed per token (and anonymous refusals per client) per window. Default 60 a minute. */
  writeLimit?: RateLimit;
  /** Sign-in attempts per client per window. Default 10 a minute. */
  loginLimit?: RateLimit;
  /** Mark the session cookie Secure (when served over HTTPS). */
  secureCookies?: boolean;
  /** Where request lines go (never secrets); none by default. */
  log?: (line: string) => void;
  ingestOptions?: IngestOptions;
  /** Largest upload accepted, in bytes (default 25 MiB). */
  maxUploadBytes?: number;
  /** Keep corpus-wide reads between requests (default true; off only to measure what it saves). */
  readCache?: boolean;
}

export interface Desk {
  app: Hono<DeskEnv>;
  sessions: Sessions;
  /** Drop the read cache (after writing to the store from outside the desk in the same process). */
  invalidate(): void;
}

/**
 * The ETag digest (SHA-1, as Hono's default) with Node's own synchronous hash: Hono's default, WebCrypto's
 * `subtle.digest`, copies the body and hands it to a worker thread, which was a tenth of the desk's CPU
 * under load for the same value.
 */
function sha1(body: Uint8Array): ArrayBuffer {
  const digest = createHash("sha1").update(body).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
}

export function createDesk(options: DeskOptions): Desk {
  const cache =
    options.readCache === false
      ? { store: options.store, invalidate: () => {} }
      : withReadCache(options.store, { externalVersion: sqliteDataVersion(options.store) });
  const store = cache.store;
  const sessions = new Sessions();
  const writes = new RateLimiter(options.writeLimit ?? { max: 60, windowMs: 60_000 });
  const logins = new RateLimiter(options.loginLimit ?? { max: 10, windowMs: 60_000 });
  const ingestOptions = options.ingestOptions ?? {};
  const log = options.log ?? (() => {});
  const maxUpload = options.maxUploadBytes ?? 25 * 1024 * 1024;
  const openReads = options.openReads ?? true;

  const app = new Hono<DeskEnv>();
  app.use(requestLog(log));
  app.use(securityHeaders());
  app.use(hostGuard(options.allowedHosts === undefined ? [] : options.allowedHosts));
  app.use(authenticate(store, sessions));
  app.use(async (c, next) => {
    const unsafe = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    const big = c.req.path === "/api/ingest" || c.req.path === "/ingest";
    if (unsafe) return bodyLimit({ maxSize: big ? maxUpload : 64 * 1024 })(c, next);
    return next();
  });
  if (!openReads) {
    app.use(async (c, next) => {
      const free =
        c.req.path === "/login" || c.req.path.startsWith("/static/") || c.req.path === "/openapi.json";
      if (!free && !c.get("identity")) {
        throw new ApiError(401, "TOKEN_REQUIRED", "this desk needs a token to read", {
          hint: "send `Authorization: Bearer <token>`, or sign in at /login",
        });
      }
      return next();
    });
  }
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-cache");
  });
  const tags = etag({ weak: true, generateDigest: sha1 });
  app.use("/api/*", async (c, next) => {
    if (c.req.method !== "GET" || c.req.path.startsWith("/api/export/")) return next();
    return tags(c, next);
  });

  const api = buildApi({ store, writes, ingestOptions });
  app.route("/api", api);
  // Generated once, on first request (it takes tens of milliseconds).
  let openapi: object | null = null;
  app.get("/openapi.json", (c) => {
    openapi ??= api.getOpenAPIDocument({
      openapi: "3.0.3",
      info: {
        title: "Watchdesk",
        version: "1",
        description:
          "The evidence ledger's JSON API. Reads are open on a loopback desk; writes need `Authorization: Bearer <token>` (`watchdesk token create`). Lists are pages: `limit`, `offset`, and `next`.",
      },
      servers: [{ url: "/api" }],
    });
    return c.json(openapi);
  });
  app.route(
    "/",
    buildWeb({
      store,
      writes,
      ingestOptions,
      sessions,
      logins,
      secureCookies: options.secureCookies ?? false,
    }),
  );

  app.notFound((c) => {
    const body = {
      error: {
        code: "NOT_FOUND",
        message: "no such page or endpoint",
        input: c.req.path.slice(0, 200),
        hint: "see /openapi.json",
      },
    };
    if (c.req.path.startsWith("/api/")) return c.json(body, 404);
    return c.html(
      errorPage(pageContext(c), 404, "NOT_FOUND", "There is no page at this address.", "").value,
      404,
    );
  });

  app.onError((error, c) => {
    const { status, body, headers, unexpected } = toErrorBody(error);
    if (unexpected)
      log(
        `error ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    const wantsJson =
      c.req.path.startsWith("/api/") ||
      c.req.path === "/openapi.json" ||
      (c.req.header("accept") ?? "").startsWith("application/json");
    if (wantsJson) return c.json(body, status);
    const { code, message, hint } = body.error;
    return c.html(errorPage(pageContext(c), status, code, message, hint).value, status);
  });

  return { app, sessions, invalidate: cache.invalidate };
}

/**
 * Who may write. Reads are open on a loopback desk (and can be closed); every write needs an API token:
 *  - API clients send it as `Authorization: Bearer wdt_…`. Such requests carry no ambient credential, so a
 *    cross-site page cannot forge them and they need no CSRF token.
 *  - In the browser the analyst signs in once with the token; the desk keeps a server-side session and sets
 *    an HttpOnly, SameSite=Strict cookie holding only a random session id. Because a cookie is sent by the
 *    browser on its own, every write made with it must also prove it comes from the desk's own pages: an
 *    Origin (or Referer) of this desk, and the session's CSRF token in the form or an `X-CSRF-Token` header,
 *    compared in constant time.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type TokenIdentity, verifyToken } from "../app/tokens.js";
import type { Store } from "../store/types.js";
import { ApiError } from "./errors.js";
import { type RateLimiter, tooManyRequests } from "./security.js";

export const SESSION_COOKIE = "wd_session";

export interface Session {
  id: string;
  identity: TokenIdentity;
  csrf: string;
  expires: number;
}

export type DeskEnv = {
  Variables: {
    identity: TokenIdentity | null;
    via: "bearer" | "session" | null;
    session: Session | null;
  };
};

/** Sessions live in memory: restarting the desk signs everyone out, which is what one wants. */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  constructor(
    readonly ttlMs = 12 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  create(identity: TokenIdentity): Session {
    const session: Session = {
      id: randomBytes(32).toString("base64url"),
      identity,
      csrf: randomBytes(32).toString("base64url"),
      expires: this.now() + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    if (this.sessions.size > 1000) {
      for (const [id, s] of this.sessions) if (s.expires <= this.now()) this.sessions.delete(id);
    }
    return session;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expires <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Sign out every session of a token (after it is revoked). */
  endFor(tokenId: string): void {
    for (const [id, s] of this.sessions) if (s.identity.id === tokenId) this.sessions.delete(id);
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  // Lengths differ: compare y with itself so the time does not depend on where a and b differ.
  if (x.length !== y.length) {
    timingSafeEqual(y, y);
    return false;
  }
  return timingSafeEqual(x, y);
}

function bearerOf(c: Context): string | null {
  const header = c.req.header("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new ApiError(401, "BAD_AUTHORIZATION", "the Authorization header must read `Bearer <token>`", {
      hint: "create a token with `watchdesk token create`",
    });
  }
  return m[1]!;
}

/** Resolve who is asking: a bearer token (checked against the store) or a desk session cookie. */
export function authenticate(store: Store, sessions: Sessions): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    c.set("identity", null);
    c.set("via", null);
    c.set("session", null);
    const bearer = bearerOf(c);
    if (bearer !== null) {
      const identity = await verifyToken(store, bearer);
      if (!identity) {
        throw new ApiError(401, "BAD_TOKEN", "this token is not valid (unknown, revoked or mistyped)", {
          hint: "create a token with `watchdesk token create`; list them with `watchdesk token list`",
          headers: { "WWW-Authenticate": 'Bearer realm="watchdesk", error="invalid_token"' },
        });
      }
      c.set("identity", identity);
      c.set("via", "bearer");
    } else {
      const session = sessions.get(getCookie(c, SESSION_COOKIE));
      if (session) {
        c.set("identity", session.identity);
        c.set("via", "session");
        c.set("session", session);
      }
    }
    return next();
  };
}

/** The origin this request was sent to, as the browser sees it. */
function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = c.req.header("host") ?? url.host;
  return `${url.protocol}//${host}`;
}

/**
 * CSRF check for a write authenticated by the session cookie: the request must come from a page of this
 * desk (Origin, or Referer when a browser sends no Origin) and carry the session's CSRF token.
 */
export async function checkCsrf(c: Context<DeskEnv>, session: Session, formToken?: string): Promise<void> {
  const origin = c.req.header("origin");
  const referer = c.req.header("referer");
  const own = ownOrigin(c);
  const from = origin ?? (referer ? (URL.canParse(referer) ? new URL(referer).origin : "bad") : null);
  if (from !== own) {
    throw new ApiError(403, "CSRF_ORIGIN", "this write did not come from a page of this desk", {
      hint: "submit the form from the desk itself; API clients send `Authorization: Bearer <token>`",
    });
  }
  const presented = formToken ?? c.req.header("x-csrf-token") ?? "";
  if (!presented || !safeEqual(presented, session.csrf)) {
    throw new ApiError(403, "CSRF_TOKEN", "the form's security token is missing or out of date", {
      hint: "reload the page and submit again",
    });
  }
}

/** The client's address, for limits on anonymous requests (sign-in attempts). */
export function clientKey(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

/**
 * Guard for every write. `readForm` is given when the handler posts a form: its `_csrf` field is read here.
 * Bearer writes skip the CSRF check; all writes count against the rate limit of their token.
 */
export async function requireWriter(
  c: Context<DeskEnv>,
  limiter: RateLimiter,
  formToken?: string,
): Promise<TokenIdentity> {
  const identity = c.get("identity");
  if (!identity) {
    const retry = limiter.take(`anon:${clientKey(c)}`);
    if (retry > 0) throw tooManyRequests(retry);
    throw new ApiError(401, "TOKEN_REQUIRED", "writing needs an API token", {
      hint: "send `Authorization: Bearer <token>` (make one with `watchdesk token create`), or sign in on the desk",
      headers: { "WWW-Authenticate": 'Bearer realm="watchdesk"' },
    });
  }
  const session = c.get("session");
  if (c.get("via") === "session" && session) await checkCsrf(c, session, formToken);
  const retry = limiter.take(`token:${identity.id}`);
  if (retry > 0) throw tooManyRequests(retry);
  return identity;
}

export function startSession(
  c: Context,
  sessions: Sessions,
  identity: TokenIdentity,
  secure: boolean,
): Session {
  const session = sessions.create(identity);
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure,
    maxAge: Math.floor(sessions.ttlMs / 1000),
  });
  return session;
}

export function endSession(c: Context, sessions: Sessions): void {
  sessions.end(getCookie(c, SESSION_COOKIE));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

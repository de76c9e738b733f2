/**
 * The desk's web security, one behaviour per test: security headers and CSP, CSRF protection of browser
 * writes, tokens stored hashed and compared in constant time, rate limits on writes, no secrets in logs,
 * and the Host check against DNS rebinding.
 */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it, mock } from "node:test";
import { createToken, revokeToken, verifyToken } from "../app/tokens.js";
import { createDesk, type Desk } from "./app.js";
import { RateLimiter, redactForLog } from "./security.js";
import { type DeskFixture, deskFixture } from "./testing.js";

const ORIGIN = "http://127.0.0.1:8080";
const HOST = { host: "127.0.0.1:8080" };

/** Sign in through the login form; returns the session cookie and the CSRF token from a page. */
async function signIn(desk: Desk, token: string): Promise<{ cookie: string; csrf: string; sid: string }> {
  const res = await desk.app.request("/login", {
    method: "POST",
    body: new URLSearchParams({ token, next: "/ingest" }),
    headers: { ...HOST, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(res.status, 303, await res.clone().text());
  assert.equal(res.headers.get("location"), "/ingest");
  const setCookie = res.headers.get("set-cookie") ?? "";
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Strict/i);
  const sid = /wd_session=([^;]+)/.exec(setCookie)?.[1] ?? "";
  const cookie = `wd_session=${sid}`;
  const page = await (await desk.app.request("/ingest", { headers: { ...HOST, cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  assert.ok(csrf, "the signed-in page carries a CSRF token");
  return { cookie, csrf, sid };
}

function uploadForm(csrf: string | null, n: number): FormData {
  const form = new FormData();
  if (csrf !== null) form.append("_csrf", csrf);
  form.append(
    "file",
    new File(
      [
        `April ${10 + n}, 2030\n\nHill Courier\n\nReport ${n}\n\n(SEOUL) North Korea shipped ${n} howitzers to Russia, officials said.`,
      ],
      `r-${n}.txt`,
    ),
  );
  return form;
}

describe("desk security", () => {
  let fx: DeskFixture;
  let logs: string[];
  let desk: Desk;

  before(async () => {
    fx = await deskFixture();
    logs = [];
    desk = createDesk({
      store: fx.store,
      log: (l) => logs.push(l),
      writeLimit: { max: 100, windowMs: 60_000 },
    });
  });
  after(() => fx.close());

  it("sends a strict Content-Security-Policy and the other security headers on pages and API", async () => {
    for (const path of ["/", "/api/stories", "/static/desk.js", "/no-such-page"]) {
      const res = await desk.app.request(path, { headers: HOST });
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: no inline script, no eval`);
      assert.doesNotMatch(
        csp,
        /unsafe-inline|unsafe-eval|https?:/,
        `${path}: nothing inline, no outside origin`,
      );
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /object-src 'none'/);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("x-frame-options"), "DENY");
      assert.equal(res.headers.get("referrer-policy"), "same-origin");
      assert.equal(res.headers.get("cross-origin-opener-policy"), "same-origin");
    }
  });

  it("pages load no script or style from anywhere but the desk itself", async () => {
    for (const path of ["/", "/graph", "/search?q=launchers"]) {
      const page = await (await desk.app.request(path, { headers: HOST })).text();
      for (const m of page.matchAll(/<(script|link)\b[^>]*>/g)) {
        assert.doesNotMatch(m[0], /(src|href)="(https?:)?\/\//, `${path}: ${m[0]}`);
      }
      assert.doesNotMatch(
        page,
        /<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/,
        `${path}: no inline script`,
      );
      assert.doesNotMatch(page, /\sstyle="/, `${path}: no inline style`);
    }
  });

  it("refuses a browser write made with the session cookie but without the CSRF token or from another site", async () => {
    const { cookie, csrf } = await signIn(desk, fx.token);
    const before = await fx.store.countArticles();
    const noToken = await desk.app.request("/ingest", {
      method: "POST",
      body: uploadForm(null, 1),
      headers: { ...HOST, cookie, origin: ORIGIN },
    });
    assert.equal(noToken.status, 403);
    assert.match(await noToken.text(), /CSRF_TOKEN/);
    const wrongToken = await desk.app.request("/ingest", {
      method: "POST",
      // One character changed (a token may itself end in "A": then the "wrong" one would be right).
      body: uploadForm(`${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}`, 2),
      headers: { ...HOST, cookie, origin: ORIGIN },
    });
    assert.equal(wrongToken.status, 403);
    const crossSite = await desk.app.request("/ingest", {
      method: "POST",
      body: uploadForm(csrf, 3),
      headers: { ...HOST, cookie, origin: "https://evil.example" },
    });
    assert.equal(crossSite.status, 403);
    assert.match(await crossSite.text(), /CSRF_ORIGIN/);
    const noOrigin = await desk.app.request("/api/ingest", {
      method: "POST",
      body: uploadForm(csrf, 4),
      headers: { ...HOST, cookie },
    });
    assert.equal(noOrigin.status, 403, "a cookie write without Origin or Referer is refused");
    assert.equal(await fx.store.countArticles(), before, "no refused write stored anything");

    const ok = await desk.app.request("/ingest", {
      method: "POST",
      body: uploadForm(csrf, 5),
      headers: { ...HOST, cookie, origin: ORIGIN },
    });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal(await fx.store.countArticles(), before + 1);
  });

  it("refuses a sign-in posted from another site", async () => {
    const res = await desk.app.request("/login", {
      method: "POST",
      body: new URLSearchParams({ token: fx.token }),
      headers: {
        ...HOST,
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("set-cookie"), null);
  });

  it("stores only a SHA-256 of each token's secret, never the token", async () => {
    const created = await createToken(fx.store, "hash check");
    const stored = await fx.store.getToken(created.id);
    assert.ok(stored);
    const secret = created.token.split("_").slice(2).join("_");
    assert.equal(stored.hash, crypto.createHash("sha256").update(secret).digest("hex"));
    const everything = JSON.stringify(await fx.store.listTokens());
    assert.ok(!everything.includes(secret), "the secret is nowhere in the store");
    assert.ok(!everything.includes(created.token));
  });

  it("compares token hashes with timingSafeEqual, for wrong secrets and unknown ids alike", async () => {
    const created = await createToken(fx.store, "timing check");
    const spy = mock.method(crypto, "timingSafeEqual");
    try {
      assert.ok(await verifyToken(fx.store, created.token));
      const wrong = `${created.token.slice(0, -1)}${created.token.endsWith("A") ? "B" : "A"}`;
      assert.equal(await verifyToken(fx.store, wrong), null);
      const unknownId = created.token.replace(/^wdt_[a-f0-9]{16}/, "wdt_0000000000000000");
      assert.equal(await verifyToken(fx.store, unknownId), null);
      assert.equal(spy.mock.callCount(), 3, "every well-formed token is checked by constant-time comparison");
      for (const call of spy.mock.calls) {
        const [a, b] = call.arguments as [Buffer, Buffer];
        assert.equal(a.length, b.length);
      }
    } finally {
      spy.mock.restore();
    }
    await revokeToken(fx.store, created.id);
    assert.equal(await verifyToken(fx.store, created.token), null, "a revoked token opens nothing");
  });

  it("rate-limits writes per token and says when to retry", async () => {
    const strict = createDesk({ store: fx.store, writeLimit: { max: 2, windowMs: 60_000 } });
    const post = () =>
      strict.app.request("/api/stories/split", {
        method: "POST",
        body: JSON.stringify({ articleId: "no-such-article" }),
        headers: { ...HOST, authorization: `Bearer ${fx.token}`, "content-type": "application/json" },
      });
    assert.equal((await post()).status, 404);
    assert.equal((await post()).status, 404);
    const limited = await post();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, "RATE_LIMITED");
    // Reads are not limited.
    assert.equal((await strict.app.request("/api/stories", { headers: HOST })).status, 200);
  });

  it("rate-limits sign-in attempts per client", async () => {
    const strict = createDesk({ store: fx.store, loginLimit: { max: 3, windowMs: 60_000 } });
    const attempt = () =>
      strict.app.request("/login", {
        method: "POST",
        body: new URLSearchParams({ token: "wdt_guess" }),
        headers: { ...HOST, "content-type": "application/x-www-form-urlencoded" },
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt()).status, 401);
    assert.equal((await attempt()).status, 429);
  });

  it("a window of the limiter opens again when it has passed", () => {
    let now = 0;
    const limiter = new RateLimiter({ max: 1, windowMs: 1000 }, () => now);
    assert.equal(limiter.take("k"), 0);
    assert.equal(limiter.take("k"), 1);
    now = 1000;
    assert.equal(limiter.take("k"), 0);
  });

  it("writes no token, session id or CSRF token to the log", async () => {
    logs.length = 0;
    const { cookie, csrf, sid } = await signIn(desk, fx.token);
    await desk.app.request("/ingest", {
      method: "POST",
      body: uploadForm(csrf, 6),
      headers: { ...HOST, cookie, origin: ORIGIN },
    });
    await desk.app.request("/api/ingest", {
      method: "POST",
      body: uploadForm(null, 7),
      headers: { ...HOST, authorization: `Bearer ${fx.token}` },
    });
    await desk.app.request(`/api/stories?token=${encodeURIComponent(fx.token)}&_csrf=${csrf}`, {
      headers: HOST,
    });
    await desk.app.request(`/search?q=${encodeURIComponent(fx.token)}`, { headers: HOST });
    const secret = fx.token.split("_").slice(2).join("_");
    assert.ok(logs.length >= 5, "requests were logged");
    for (const line of logs) {
      assert.ok(!line.includes(secret), `token in log: ${line}`);
      assert.ok(!line.includes(sid), `session id in log: ${line}`);
      assert.ok(!line.includes(csrf), `CSRF token in log: ${line}`);
    }
    assert.ok(
      logs.some((l) => l.includes(`token=${fx.tokenId}`)),
      "writes name the token's public id",
    );
    assert.equal(redactForLog("/api/x?password=hunter2&q=shells"), "/api/x?password=[redacted]&q=shells");
  });

  it("answers only to loopback host names, so a rebinding site cannot read the desk", async () => {
    const res = await desk.app.request("/api/stories", { headers: { host: "attacker.example:8080" } });
    assert.equal(res.status, 421);
    assert.equal(
      (await desk.app.request("/api/stories", { headers: { host: "localhost:8080" } })).status,
      200,
    );
    assert.equal((await desk.app.request("/api/stories", { headers: { host: "[::1]:8080" } })).status, 200);
  });

  it("closes reads too when the desk is not open for reading", async () => {
    const closed = createDesk({ store: fx.store, openReads: false });
    const anon = await closed.app.request("/api/stories", { headers: HOST });
    assert.equal(anon.status, 401);
    const withToken = await closed.app.request("/api/stories", {
      headers: { ...HOST, authorization: `Bearer ${fx.token}` },
    });
    assert.equal(withToken.status, 200);
    assert.equal(
      (await closed.app.request("/login", { headers: HOST })).status,
      200,
      "the sign-in page stays open",
    );
  });
});

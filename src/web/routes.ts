/**
 * The analyst's desk: server-rendered pages over the same use cases as the API, plus the few form posts a
 * browser makes (sign in and out, ingest, split a story). Pages escape every value they show (src/web/html.ts);
 * scripts and styles come from /static only, so the Content-Security-Policy can forbid everything inline.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { etag } from "hono/etag";
import type { z } from "zod";
import {
  claimGraph,
  decideStories,
  getArticle,
  getClaim,
  getDashboard,
  getEntity,
  getStory,
  listDiscrepancies,
  listEntities,
  listLedger,
  listStories,
  searchArticles,
  verifyToken,
} from "../app/index.js";
import type { StoredArticle } from "../store/types.js";
import { ingestRequest, type ApiDeps } from "../server/api.js";
import {
  clientKey,
  type DeskEnv,
  endSession,
  requireWriter,
  type Sessions,
  startSession,
} from "../server/auth.js";
import { ApiError, describeZodError } from "../server/errors.js";
import * as S from "../server/schemas.js";
import { type RateLimiter, tooManyRequests } from "../server/security.js";
import type { Html } from "./html.js";
import type { PageContext } from "./layout.js";
import { articlePage } from "./pages/article.js";
import { claimPage } from "./pages/claim.js";
import { dashboardPage } from "./pages/dashboard.js";
import { entitiesPage, entityPage } from "./pages/entity.js";
import { graphPage, ingestPage, loginPage } from "./pages/forms.js";
import { discrepanciesPage, ledgerPage, searchPage } from "./pages/search.js";
import { storiesPage, storyPage } from "./pages/stories.js";

export interface WebDeps extends ApiDeps {
  sessions: Sessions;
  logins: RateLimiter;
  secureCookies: boolean;
}

const PAGE = 50;
/** Articles and claims shown per page of an entity. */
const ENTITY_ARTICLES = 30;
const ENTITY_CLAIMS = 100;

export function pageContext(c: Context<DeskEnv>): PageContext {
  const url = new URL(c.req.url);
  return {
    identity: c.get("identity") ?? null,
    csrf: c.get("session")?.csrf ?? null,
    here: url.pathname + url.search,
  };
}

function send(c: Context, page: Html, status: 200 | 400 | 401 | 403 | 404 | 422 | 429 | 500 = 200): Response {
  c.header("Cache-Control", "no-cache");
  return c.html(page.value, status);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const { message, input } = describeZodError(r.error);
    throw new ApiError(400, "BAD_REQUEST", message, { input, hint: "check the address or the form" });
  }
  return r.data;
}

/** Only a path on this desk may be a redirect target after sign-in. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) && !/[\u0000-\u001f]/.test(next) ? next : "/";
}

/** The files under /static: our own CSS and JS, and the graph library from node_modules. */
function staticFiles(): Map<string, { body: string; type: string }> {
  const dir = new URL("../../src/web/static/", import.meta.url);
  const files = new Map<string, { body: string; type: string }>();
  for (const [name, type] of [
    ["desk.css", "text/css; charset=utf-8"],
    ["desk.js", "text/javascript; charset=utf-8"],
    ["graph.js", "text/javascript; charset=utf-8"],
    ["favicon.svg", "image/svg+xml"],
  ] as const) {
    files.set(name, { body: readFileSync(new URL(name, dir), "utf8"), type });
  }
  const require = createRequire(import.meta.url);
  files.set("vendor/cytoscape.min.js", {
    body: readFileSync(require.resolve("cytoscape/dist/cytoscape.min.js"), "utf8"),
    type: "text/javascript; charset=utf-8",
  });
  return files;
}

/** Where the desk's own static files are kept (for tests and docs). */
export const STATIC_DIR = fileURLToPath(new URL("../../src/web/static/", import.meta.url));

export function buildWeb(deps: WebDeps): Hono<DeskEnv> {
  const web = new Hono<DeskEnv>();
  const { store } = deps;
  const files = staticFiles();

  web.get("/static/*", etag(), (c) => {
    const name = c.req.path.slice("/static/".length);
    const file = files.get(name);
    if (!file) throw new ApiError(404, "NOT_FOUND", "no such file", { input: name.slice(0, 100) });
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "no-cache");
    return c.body(file.body);
  });

  web.get("/favicon.ico", (c) => c.redirect("/static/favicon.svg", 301));

  web.get("/", async (c) => send(c, dashboardPage(pageContext(c), await getDashboard(store))));

  web.get("/stories", async (c) => {
    const q = parse(S.PageOnly, c.req.query());
    const offset = q.offset ?? 0;
    const limit = q.limit ?? PAGE;
    const stories = await listStories(store, { limit: limit + 1, offset });
    return send(
      c,
      storiesPage(pageContext(c), stories.slice(0, limit), offset, limit, stories.length > limit),
    );
  });

  web.get("/stories/:id", async (c) =>
    send(c, storyPage(pageContext(c), await getStory(store, c.req.param("id")))),
  );

  web.get("/claims/:id", async (c) => {
    const claim = await getClaim(store, c.req.param("id"));
    const ids = [
      ...new Set([
        ...claim.evidence.filter((e) => !e.duplicateOf).map((e) => e.articleId),
        ...claim.evidence.flatMap((e) => (e.duplicateOf ? [e.articleId, e.duplicateOf] : [])),
      ]),
    ].slice(0, 40);
    const articles = new Map<string, StoredArticle>();
    for (const doc of await Promise.all(ids.map((id) => store.getArticle(id))))
      if (doc) articles.set(doc.article.id, doc);
    return send(c, claimPage(pageContext(c), claim, articles));
  });

  web.get("/ledger", async (c) => {
    const q = parse(S.LedgerQuery, c.req.query());
    const offset = q.offset ?? 0;
    const limit = q.limit ?? PAGE;
    const claims = await listLedger(store, {
      ...(q.type ? { type: q.type } : {}),
      ...(q.entity ? { entity: q.entity } : {}),
      ...(q.contested ? { contested: true } : {}),
      ...(q.story ? { storyId: q.story } : {}),
      limit: limit + 1,
      offset,
    });
    return send(
      c,
      ledgerPage(
        pageContext(c),
        claims.slice(0, limit),
        { contested: q.contested, type: q.type, entity: q.entity },
        offset,
        limit,
        claims.length > limit,
      ),
    );
  });

  web.get("/entities", async (c) => {
    const q = parse(S.EntityListQuery, c.req.query());
    const offset = q.offset ?? 0;
    const limit = q.limit ?? PAGE;
    const entities = await listEntities(store, {
      ...(q.type ? { type: q.type } : {}),
      ...(q.name ? { name: q.name } : {}),
      limit: limit + 1,
      offset,
    });
    return send(
      c,
      entitiesPage(
        pageContext(c),
        entities.slice(0, limit),
        { type: q.type, name: q.name },
        offset,
        limit,
        entities.length > limit,
      ),
    );
  });

  web.get("/entities/:key", async (c) => {
    const q = parse(S.EntityPageQuery, c.req.query());
    const entity = await getEntity(store, c.req.param("key"), {
      pages: {
        occurrences: { limit: ENTITY_ARTICLES, offset: q.articles ?? 0 },
        claims: { limit: ENTITY_CLAIMS, offset: q.claims ?? 0 },
      },
    });
    // Summaries, not whole articles: the list shows titles, outlets and dates.
    const found = new Map(
      (await store.listArticles({ ids: entity.articleIds })).map((a) => [a.id, a] as const),
    );
    const articles = entity.articleIds.flatMap((id) => found.get(id) ?? []);
    const hasList = (await store.getSanctionsList()) !== null;
    return send(c, entityPage(pageContext(c), entity, articles, hasList));
  });

  web.get("/articles/:id", async (c) => {
    const doc = await getArticle(store, c.req.param("id"));
    const hl = /^(\d{1,9})-(\d{1,9})$/.exec(c.req.query("hl") ?? "");
    const target = hl ? { start: Number(hl[1]), end: Number(hl[2]) } : null;
    return send(c, articlePage(pageContext(c), doc, target));
  });

  web.get("/search", async (c) => {
    const raw = c.req.query();
    const form = parse(S.SearchQuery.partial(), raw);
    const [outlets, entities] = await Promise.all([store.listOutlets(), listEntities(store, { limit: 300 })]);
    const facets = {
      outlets: outlets.map((o) => o.outlet),
      entities: entities.map((e) => ({ key: e.key, name: e.name })),
    };
    const shown = {
      q: form.q,
      outlet: form.outlet,
      entity: form.entity,
      type: form.type,
      stance: form.stance,
      from: form.from,
      to: form.to,
    };
    if (!form.q) return send(c, searchPage(pageContext(c), shown, facets, null));
    const offset = form.offset ?? 0;
    const limit = form.limit ?? PAGE;
    const hits = await searchArticles(store, {
      text: form.q,
      ...(form.outlet ? { outlet: form.outlet } : {}),
      ...(form.entity ? { entity: form.entity } : {}),
      ...(form.type ? { claimType: form.type } : {}),
      ...(form.stance ? { stance: form.stance } : {}),
      ...(form.from ? { from: form.from } : {}),
      ...(form.to ? { to: form.to } : {}),
      limit: limit + 1,
      offset,
    });
    return send(
      c,
      searchPage(pageContext(c), shown, facets, {
        hits: hits.slice(0, limit),
        offset,
        limit,
        more: hits.length > limit,
        error: null,
      }),
    );
  });

  web.get("/graph", async (c) => {
    const q = parse(S.GraphQuery, c.req.query());
    const graph = await claimGraph(store, {
      ...(q.story ? { storyId: q.story } : {}),
      ...(q.entity ? { entity: q.entity } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    });
    return send(c, graphPage(pageContext(c), { story: q.story, entity: q.entity }, graph));
  });

  web.get("/discrepancies", async (c) => {
    const q = parse(S.DiscrepancyQuery, c.req.query());
    const offset = q.offset ?? 0;
    const limit = q.limit ?? PAGE;
    const all = await listDiscrepancies(store, q.kind);
    return send(
      c,
      discrepanciesPage(
        pageContext(c),
        all.slice(offset, offset + limit),
        offset,
        limit,
        all.length > offset + limit,
      ),
    );
  });

  web.get("/ingest", (c) => send(c, ingestPage(pageContext(c))));

  web.post("/ingest", async (c) => {
    const form = await c.req.parseBody({ all: true });
    await requireWriter(c, deps.writes, typeof form._csrf === "string" ? form._csrf : undefined);
    const urls = (Array.isArray(form.urls) ? form.urls : [form.urls])
      .filter((u): u is string => typeof u === "string")
      .flatMap((u) => u.split(/\s+/))
      .filter(Boolean);
    const report = await ingestRequest(c, deps, { file: form.file, url: urls });
    const titles = new Map<string, string>();
    for (const id of report.insertedIds.slice(0, 50)) {
      const doc = await store.getArticle(id);
      if (doc) titles.set(id, doc.article.title || doc.article.source);
    }
    return send(c, ingestPage(pageContext(c), report, titles));
  });

  web.post("/stories/split", async (c) => {
    const form = await c.req.parseBody();
    await requireWriter(c, deps.writes, typeof form._csrf === "string" ? form._csrf : undefined);
    const { articleId } = parse(S.SplitBody, { articleId: form.articleId });
    const stories = await decideStories(store, "split", [articleId]);
    const home = stories.find((s) => s.articles.some((a) => a.id === articleId));
    return c.redirect(home ? `/stories/${home.id}` : "/stories", 303);
  });

  web.get("/login", (c) => send(c, loginPage(pageContext(c), safeNext(c.req.query("next")))));

  web.post("/login", async (c) => {
    const origin = c.req.header("origin");
    const own = `${new URL(c.req.url).protocol}//${c.req.header("host") ?? ""}`;
    if (origin && origin !== own) {
      throw new ApiError(403, "CSRF_ORIGIN", "sign-in must come from this desk's own page", {
        hint: "open /login on the desk and sign in there",
      });
    }
    const retry = deps.logins.take(`login:${clientKey(c)}`);
    if (retry > 0) throw tooManyRequests(retry);
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const identity = typeof form.token === "string" ? await verifyToken(store, form.token) : null;
    if (!identity) {
      return send(
        c,
        loginPage(pageContext(c), next, "That token is not valid (unknown, revoked or mistyped)."),
        401,
      );
    }
    startSession(c, deps.sessions, identity, deps.secureCookies);
    return c.redirect(next, 303);
  });

  web.post("/logout", async (c) => {
    const form = await c.req.parseBody();
    if (c.get("session"))
      await requireWriter(c, deps.writes, typeof form._csrf === "string" ? form._csrf : undefined);
    endSession(c, deps.sessions);
    return c.redirect("/", 303);
  });

  return web;
}

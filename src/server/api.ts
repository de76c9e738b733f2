/**
 * The JSON API under /api. Each route is declared once (method, path, zod schemas, responses): the same
 * declaration validates the request and describes the route in /openapi.json. Handlers are thin: they call
 * one use case of the application service and shape its result (lists as pages).
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  changesSince,
  claimGraph,
  decideStories,
  exportStore,
  getArticle,
  getClaim,
  getEntity,
  getStory,
  ingestInputs,
  ingestUploads,
  listArticles,
  listClaims,
  listDiscrepancies,
  listEntities,
  listLedger,
  listStories,
  searchArticles,
  type Upload,
} from "../app/index.js";
import type { ListPage } from "../app/entities.js";
import type { IngestOptions } from "../ingest/index.js";
import type { Store } from "../store/types.js";
import { type DeskEnv, requireWriter } from "./auth.js";
import { ApiError, describeZodError } from "./errors.js";
import * as S from "./schemas.js";
import type { RateLimiter } from "./security.js";

export interface ApiDeps {
  store: Store;
  writes: RateLimiter;
  ingestOptions: IngestOptions;
}

export const DEFAULT_PAGE = 50;

/** A page of `items` (fetched with one extra to know whether there is a next page). */
export function page<T>(c: Context, items: T[], limit: number, offset: number) {
  const more = items.length > limit;
  let next: string | null = null;
  if (more) {
    const url = new URL(c.req.url);
    url.searchParams.set("offset", String(offset + limit));
    url.searchParams.set("limit", String(limit));
    next = url.pathname + url.search;
  }
  return { items: items.slice(0, limit), limit, offset, next };
}

function paging(q: { limit?: number | undefined; offset?: number | undefined }) {
  return { limit: q.limit ?? DEFAULT_PAGE, offset: q.offset ?? 0 };
}

/** Only the set fields: the use cases take optional properties, not `undefined` values. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

const errors = {
  400: { description: "invalid input", content: { "application/json": { schema: S.ErrorResponse } } },
  404: { description: "not found", content: { "application/json": { schema: S.ErrorResponse } } },
};
const writeErrors = {
  ...errors,
  401: { description: "no valid token", content: { "application/json": { schema: S.ErrorResponse } } },
  403: { description: "CSRF check failed", content: { "application/json": { schema: S.ErrorResponse } } },
  429: { description: "rate limited", content: { "application/json": { schema: S.ErrorResponse } } },
};

interface RouteDef<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: "get" | "post";
  path: string;
  summary: string;
  tag: string;
  query?: Q;
  params?: P;
  json?: B;
  response: z.ZodType;
  responseType?: string;
  write?: boolean;
  extraBody?: RouteConfig["request"];
}

type Input<Q, P, B> = {
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  params: P extends z.ZodType ? z.infer<P> : undefined;
  body: B extends z.ZodType ? z.infer<B> : undefined;
};

export function buildApi(deps: ApiDeps): OpenAPIHono<DeskEnv> {
  const api = new OpenAPIHono<DeskEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const { message, input } = describeZodError(result.error);
        return c.json(
          { error: { code: "BAD_REQUEST", message, input, hint: "see /openapi.json for the parameters" } },
          400,
        );
      }
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "a token from `watchdesk token create`",
  });

  function route<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(
    def: RouteDef<Q, P, B>,
    handler: (c: Context<DeskEnv>, input: Input<Q, P, B>) => Promise<Response>,
  ): void {
    const config = createRoute({
      method: def.method,
      path: def.path,
      summary: def.summary,
      tags: [def.tag],
      ...(def.write
        ? {
            security: [{ bearer: [] }],
            // Before the validators: an anonymous write is refused before its body is even read.
            middleware: [
              (async (c: Context<DeskEnv>, next: () => Promise<void>) => {
                await requireWriter(c, deps.writes);
                await next();
              }) as never,
            ],
          }
        : {}),
      request: {
        ...(def.query ? { query: def.query as never } : {}),
        ...(def.params ? { params: def.params as never } : {}),
        ...(def.json
          ? { body: { content: { "application/json": { schema: def.json } }, required: true } }
          : {}),
        ...(def.extraBody ?? {}),
      },
      responses: {
        200: {
          description: "OK",
          content: { [def.responseType ?? "application/json"]: { schema: def.response } },
        },
        ...(def.write ? writeErrors : errors),
      },
    });
    api.openapi(config, (async (c: Context<DeskEnv>) => {
      const valid = (target: string) =>
        (c.req as unknown as { valid(t: string): unknown }).valid(target) as never;
      return handler(c, {
        query: (def.query ? valid("query") : undefined) as never,
        params: (def.params ? valid("param") : undefined) as never,
        body: (def.json ? valid("json") : undefined) as never,
      });
    }) as never);
  }

  const { store } = deps;

  route(
    {
      method: "get",
      path: "/articles",
      summary: "Stored articles, newest first",
      tag: "articles",
      query: S.ArticleListQuery,
      response: S.pageOf(S.ArticleSummary, "ArticlePage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const items = await listArticles(store, {
        ...defined({ outlet: query.outlet, from: query.from, to: query.to }),
        limit: limit + 1,
        offset,
      });
      return c.json(page(c, items, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/articles/{id}",
      summary: "One article with everything extracted from it (id or unique prefix)",
      tag: "articles",
      params: S.IdParam,
      response: S.StoredArticle,
    },
    async (c, { params }) => c.json(await getArticle(store, params.id)),
  );

  route(
    {
      method: "get",
      path: "/search",
      summary: "Full-text search with facets: outlet, entity, claim type, stance, date range",
      tag: "search",
      query: S.SearchQuery,
      response: S.pageOf(S.SearchHit, "SearchPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const hits = await searchArticles(store, {
        text: query.q,
        ...defined({
          outlet: query.outlet,
          entity: query.entity,
          claimType: query.type,
          stance: query.stance,
          from: query.from,
          to: query.to,
        }),
        limit: limit + 1,
        offset,
      });
      return c.json(page(c, hits, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/stories",
      summary: "Stories, latest first, with their articles and which are copies",
      tag: "stories",
      query: S.PageOnly,
      response: S.pageOf(S.StoryListItem, "StoryPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const stories = await listStories(store, { limit: limit + 1, offset });
      return c.json(page(c, stories, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/stories/{id}",
      summary: "One story: articles, canonical claims, discrepancies, timeline",
      tag: "stories",
      params: S.IdParam,
      response: S.StoryDetail,
    },
    async (c, { params }) => c.json(await getStory(store, params.id)),
  );

  route(
    {
      method: "post",
      path: "/stories/merge",
      summary: "Merge the stories of these articles (kept across re-clustering)",
      tag: "stories",
      json: S.MergeBody,
      write: true,
      response: S.pageOf(S.StoryListItem, "MergedStories"),
    },
    async (c, { body }) => {
      const stories = await decideStories(store, "merge", body.articleIds);
      return c.json(page(c, stories.slice(0, DEFAULT_PAGE + 1), DEFAULT_PAGE, 0));
    },
  );

  route(
    {
      method: "post",
      path: "/stories/split",
      summary: "Take an article out of its story (kept across re-clustering)",
      tag: "stories",
      json: S.SplitBody,
      write: true,
      response: S.pageOf(S.StoryListItem, "SplitStories"),
    },
    async (c, { body }) => {
      const stories = await decideStories(store, "split", [body.articleId]);
      return c.json(page(c, stories.slice(0, DEFAULT_PAGE + 1), DEFAULT_PAGE, 0));
    },
  );

  route(
    {
      method: "get",
      path: "/claims",
      summary: "Claims as extracted from each article",
      tag: "claims",
      query: S.ClaimListQuery,
      response: S.pageOf(S.StoredClaim, "ClaimPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const claims = await listClaims(store, {
        ...defined({
          type: query.type,
          entity: query.entity,
          stance: query.stance,
          articleId: query.article,
        }),
        limit: limit + 1,
        offset,
      });
      return c.json(page(c, claims, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/ledger",
      summary: "The ledger: canonical claims with holders, stance and independent sources",
      tag: "claims",
      query: S.LedgerQuery,
      response: S.pageOf(S.CanonicalClaim, "LedgerPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const claims = await listLedger(store, {
        ...defined({
          type: query.type,
          entity: query.entity,
          contested: query.contested,
          since: query.since,
          storyId: query.story,
        }),
        limit: limit + 1,
        offset,
      });
      return c.json(page(c, claims, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/ledger/{id}",
      summary: "One canonical claim with its evidence and discrepancies",
      tag: "claims",
      params: S.IdParam,
      response: S.CanonicalClaim,
    },
    async (c, { params }) => c.json(await getClaim(store, params.id)),
  );

  route(
    {
      method: "get",
      path: "/entities",
      summary: "Entities across articles, most mentioned first",
      tag: "entities",
      query: S.EntityListQuery,
      response: S.pageOf(S.EntitySummary, "EntityPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const entities = await listEntities(store, {
        ...defined({ type: query.type, name: query.name }),
        limit: limit + 1,
        offset,
      });
      return c.json(page(c, entities, limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/entities/{key}",
      summary: "One entity: aliases, roles, claims, sanctions matches with their score breakdown",
      tag: "entities",
      params: S.KeyParam,
      query: S.EntityDetailQuery,
      response: S.EntityDetail,
    },
    async (c, { params, query }) => {
      const limit = query.limit ?? DEFAULT_PAGE;
      const entity = await getEntity(store, params.key, {
        pages: {
          occurrences: { limit, offset: query.articlesOffset ?? 0 },
          claims: { limit, offset: query.claimsOffset ?? 0 },
        },
      });
      const next = (page: ListPage, name: string) => {
        if (page.offset + (page.limit ?? page.total) >= page.total) return null;
        const url = new URL(c.req.url);
        url.searchParams.set(name, String(page.offset + limit));
        url.searchParams.set("limit", String(limit));
        return url.pathname + url.search;
      };
      return c.json({
        ...entity,
        pages: {
          occurrences: {
            ...entity.pages.occurrences,
            next: next(entity.pages.occurrences, "articlesOffset"),
          },
          claims: { ...entity.pages.claims, next: next(entity.pages.claims, "claimsOffset") },
        },
      });
    },
  );

  route(
    {
      method: "get",
      path: "/discrepancies",
      summary: "Stance conflicts, swapped actors, conflicting dates and numbers, stale copies…",
      tag: "claims",
      query: S.DiscrepancyQuery,
      response: S.pageOf(S.Discrepancy, "DiscrepancyPage"),
    },
    async (c, { query }) => {
      const { limit, offset } = paging(query);
      const all = await listDiscrepancies(store, query.kind);
      return c.json(page(c, all.slice(offset, offset + limit + 1), limit, offset));
    },
  );

  route(
    {
      method: "get",
      path: "/changes",
      summary: "What changed since a date: new claims, new denials, claims with new evidence",
      tag: "claims",
      query: S.ChangesQuery,
      response: S.Changes,
    },
    async (c, { query }) => c.json(await changesSince(store, query.since)),
  );

  route(
    {
      method: "get",
      path: "/graph",
      summary: "Network of actors and claims (for a story, an entity, or the best-supported claims)",
      tag: "claims",
      query: S.GraphQuery,
      response: S.Graph,
    },
    async (c, { query }) =>
      c.json(
        await claimGraph(store, defined({ storyId: query.story, entity: query.entity, limit: query.limit })),
      ),
  );

  route(
    {
      method: "get",
      path: "/export/{kind}",
      summary: "Export articles, extracted claims or the ledger as JSON or CSV (streamed)",
      tag: "exports",
      params: S.ExportParam,
      query: S.ExportQuery,
      response: z.array(z.looseObject({})).openapi({ description: "a JSON array, or CSV with a header row" }),
    },
    async (_c, { params, query }) => {
      const format = query.format ?? "json";
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          const encoder = new TextEncoder();
          try {
            await exportStore(store, params.kind, format, (chunk) =>
              controller.enqueue(encoder.encode(chunk)),
            );
            controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      });
      return new Response(stream, {
        headers: {
          "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="watchdesk-${params.kind}.${format}"`,
        },
      });
    },
  );

  route(
    {
      method: "post",
      path: "/ingest",
      summary:
        "Ingest uploaded files (multipart `file` fields) or URLs (JSON `{urls: [...]}` or `url` fields)",
      tag: "ingest",
      write: true,
      response: S.IngestReport,
      extraBody: {
        body: {
          content: {
            "application/json": { schema: S.IngestJsonBody },
            "multipart/form-data": {
              schema: S.IngestJsonBody.partial().extend({}).openapi({
                description: "one or more `file` fields and/or `url` fields",
              }),
            },
          },
        },
      },
    },
    async (c) => c.json(await ingestRequest(c, deps)),
  );

  return api;
}

/** Read an ingest request (JSON with URLs, or a multipart form with files and URLs) and run it. */
export async function ingestRequest(c: Context<DeskEnv>, deps: ApiDeps, form?: Record<string, unknown>) {
  const type = c.req.header("content-type") ?? "";
  let urls: string[] = [];
  const uploads: Upload[] = [];
  if (!form && type.startsWith("application/json")) {
    const parsed = S.IngestJsonBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      const { message, input } = describeZodError(parsed.error);
      throw new ApiError(400, "BAD_REQUEST", message, { input, hint: 'send {"urls": ["https://…"]}' });
    }
    urls = parsed.data.urls;
  } else if (form || type.startsWith("multipart/form-data")) {
    const body = form ?? (await c.req.parseBody({ all: true }));
    const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    for (const f of list(body.file)) {
      if (f instanceof File && f.size > 0)
        uploads.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    for (const u of list(body.url)) {
      if (typeof u === "string" && u.trim()) {
        const parsed = S.IngestJsonBody.shape.urls.element.safeParse(u.trim());
        if (!parsed.success) {
          throw new ApiError(400, "BAD_URL", "this is not a URL", {
            input: u.slice(0, 200),
            hint: "give an http(s) URL",
          });
        }
        urls.push(parsed.data);
      }
    }
  } else {
    throw new ApiError(415, "BAD_CONTENT_TYPE", "send JSON or a multipart form", {
      input: type.slice(0, 100) || "(none)",
      hint: 'Content-Type: application/json with {"urls": […]}, or multipart/form-data with `file` fields',
    });
  }
  if (urls.length === 0 && uploads.length === 0) {
    throw new ApiError(400, "NOTHING_TO_INGEST", "the request holds no file and no URL", {
      hint: "attach one or more files, or give URLs",
    });
  }
  const reports = [];
  if (uploads.length > 0) reports.push(await ingestUploads(deps.store, uploads, deps.ingestOptions));
  if (urls.length > 0)
    reports.push(await ingestInputs(deps.store, { inputs: urls, options: deps.ingestOptions }));
  return reports.reduce((a, b) => ({
    items: a.items + b.items,
    documents: a.documents + b.documents,
    inserted: a.inserted + b.inserted,
    unchanged: a.unchanged + b.unchanged,
    problems: [...a.problems, ...b.problems],
    insertedIds: [...a.insertedIds, ...b.insertedIds],
    corpus: b.corpus ?? a.corpus,
  }));
}

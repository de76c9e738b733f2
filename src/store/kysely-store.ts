/**
 * The part of the Store both engines share: everything but connection set-up, migrations and full-text
 * search is written once against Kysely, in SQL both SQLite and Postgres accept.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from "kysely";
import { WatchdeskError } from "../errors.js";
import type {
  AnalyzedArticle,
  Attribution,
  CanonicalClaim,
  Claim,
  Discrepancy,
  DuplicateLink,
  Entity,
  EntityType,
  IngestProblem,
  Ledger,
  SanctionsEntry,
  SanctionsLink,
  SanctionsList,
  Story,
  StoryDecision,
} from "../types.js";
import { articleRows, chunks, entityTotals, storedArticle, withoutNul } from "./rows.js";
import { likeEscape, parseJson, partyActor, type StoreDatabase } from "./schema.js";
import type {
  ArticleQuery,
  ArticleSummary,
  ClaimQuery,
  EntityProfile,
  EntityQuery,
  EntitySummary,
  OutletCount,
  PageQuery,
  PutResult,
  SearchHit,
  SearchQuery,
  Store,
  StoredArticle,
  StoredAttribution,
  StoredClaim,
  StoredEntity,
  StoredProblem,
  StoredToken,
  LockOptions,
} from "./types.js";

type Db = Kysely<StoreDatabase>;
type Tx = Transaction<StoreDatabase>;

/** Search results per page when the query does not say. */
export const DEFAULT_SEARCH_LIMIT = 50;

/** How long `withExclusiveLock` waits for another holder when the caller does not say (a big refresh). */
export const DEFAULT_LOCK_WAIT_MS = 15 * 60_000;

export function lockTimeoutError(name: string, waitMs: number, cause?: unknown): WatchdeskError {
  return new WatchdeskError(
    "STORE_LOCK_TIMEOUT",
    `waited ${waitMs < 1000 ? `${waitMs} ms` : `${Math.round(waitMs / 1000)} s`} for the store lock "${name}", which another process holds`,
    {
      input: name,
      hint: "another ingest, worker or refresh is still running on this store: let it finish, then try again",
      cause,
    },
  );
}

const articleSummaryColumns = [
  "a.id",
  "a.source",
  "a.url",
  "a.title",
  "a.outlet",
  "a.claimed_source",
  "a.published",
  "a.ingested_at",
  "a.entity_count",
  "a.claim_count",
  "a.flag_count",
] as const;

interface SummaryRow {
  id: string;
  source: string;
  url: string | null;
  title: string;
  outlet: string | null;
  claimed_source: string | null;
  published: string | null;
  ingested_at: string;
  entity_count: number | string;
  claim_count: number | string;
  flag_count: number | string;
}

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    source: r.source,
    url: r.url,
    title: r.title,
    outlet: r.outlet,
    claimedSource: r.claimed_source,
    published: r.published,
    ingestedAt: r.ingested_at,
    entityCount: Number(r.entity_count),
    claimCount: Number(r.claim_count),
    flagCount: Number(r.flag_count),
  };
}

/**
 * `limit`/`offset` as SQL, ignoring nonsense (negative, NaN) instead of failing on it. SQLite wants a LIMIT
 * before any OFFSET (-1 is "no limit"); Postgres takes OFFSET alone.
 */
export function pageClause(
  engine: "sqlite" | "postgres",
  limit: number | undefined,
  offset: number | undefined,
): RawBuilder<unknown> {
  const l = limit !== undefined && Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : null;
  const o = offset !== undefined && Number.isFinite(offset) && offset > 0 ? Math.floor(offset) : 0;
  if (l === null) {
    if (o === 0) return sql``;
    return engine === "sqlite" ? sql`limit -1 offset ${o}` : sql`offset ${o}`;
  }
  return sql`limit ${l} offset ${o}`;
}

/**
 * Conditions on the article aliased `a` shared by listing and search (the facets): outlet, publication date
 * range, an entity (key, name or alias) and a claim type and/or stance (in the same claim).
 */
export function articleConditions(q: Omit<SearchQuery, "text">): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (q.outlet) out.push(sql<SqlBool>`a.outlet = ${q.outlet}`);
  if (q.from) out.push(sql<SqlBool>`a.published >= ${q.from}`);
  // `to` is inclusive of the whole day even when published carries only `YYYY-MM-DD`.
  if (q.to) out.push(sql<SqlBool>`a.published <= ${q.to}`);
  if (q.entity) {
    const keys = sql`select n.key from entity_names n where n.name_lc = ${q.entity.toLowerCase()}`;
    out.push(sql<SqlBool>`exists (select 1 from entities e where e.article_id = a.id
      and (e.key = ${q.entity} or e.key in (${keys})))`);
  }
  if (q.claimType || q.stance) {
    const type = q.claimType ? sql`and c.type = ${q.claimType}` : sql``;
    const stance = q.stance ? sql`and c.stance = ${q.stance}` : sql``;
    out.push(sql<SqlBool>`exists (select 1 from claims c where c.article_id = a.id ${type} ${stance})`);
  }
  return out;
}

export function whereAll(conditions: RawBuilder<SqlBool>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`` : sql`and ${sql.join(conditions, sql` and `)}`;
}

async function insertChunked<T extends keyof StoreDatabase>(
  trx: Tx | Db,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are built against the table types by their callers.
      .values(chunk as any)
      .execute();
  }
}

export abstract class KyselyStore implements Store {
  abstract readonly engine: "sqlite" | "postgres";
  protected readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  abstract migrate(): Promise<void>;
  abstract search(query: SearchQuery): Promise<SearchHit[]>;
  /** ORDER BY for "newest publication first, undated last, then ingest order", written to match an index. */
  protected abstract newestFirst(): RawBuilder<unknown>;

  /** The Kysely instance, for tools (migrate command, queue) that work next to the store. */
  get kysely(): Db {
    return this.db;
  }

  private closed = false;

  /** Close the connection (pool); closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /** The locks the current async call chain holds (makes `withExclusiveLock` re-entrant). */
  private readonly heldLocks = new AsyncLocalStorage<ReadonlySet<string>>();

  /** Wait (at most `waitMs`) for the engine's lock `name`; resolves to the function that lets it go. */
  protected abstract acquireLock(name: string, waitMs: number): Promise<() => Promise<void>>;

  async withExclusiveLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const held = this.heldLocks.getStore();
    if (held?.has(name)) return fn();
    const release = await this.acquireLock(name, options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
    try {
      return await this.heldLocks.run(new Set([...(held ?? []), name]), fn);
    } finally {
      await release();
    }
  }

  async putArticle(doc: AnalyzedArticle): Promise<PutResult> {
    return this.db.transaction().execute((trx) => this.putArticleIn(trx, doc));
  }

  /** Store one article inside an open transaction (the queue uses this to finish a job in the same commit). */
  async putArticleIn(
    trx: Tx,
    doc: AnalyzedArticle,
    ingestedAt = new Date().toISOString(),
  ): Promise<PutResult> {
    const [result] = await this.putArticlesIn(trx, [{ doc, ingestedAt }]);
    return result!;
  }

  /**
   * Store many articles inside an open transaction with one multi-row INSERT per table (a handful of round
   * trips for the whole batch instead of several per article). An id seen twice is stored once, the first time.
   */
  async putArticlesIn(
    trx: Tx,
    items: readonly { doc: AnalyzedArticle; ingestedAt: string }[],
  ): Promise<PutResult[]> {
    const rows = items.map((item) => articleRows(item.doc, item.ingestedAt));
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!first.has(r.article.id)) first.set(r.article.id, i);
    });
    const unique = [...first.values()].map((i) => rows[i]!);
    const inserted = new Set<string>();
    for (const chunk of chunks(
      unique.map((r) => r.article),
      100,
    )) {
      const done = await trx
        .insertInto("articles")
        .values(chunk)
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .execute();
      for (const row of done) inserted.add(row.id);
    }
    const fresh = unique.filter((r) => inserted.has(r.article.id));
    const freshDocs = [...first.values()]
      .filter((i) => inserted.has(rows[i]!.article.id))
      .map((i) => withoutNul(items[i]!.doc));
    await insertChunked(
      trx,
      "entities",
      fresh.flatMap((r) => r.entities),
    );
    await insertChunked(
      trx,
      "claims",
      fresh.flatMap((r) => r.claims),
    );
    await insertChunked(
      trx,
      "claim_actors",
      fresh.flatMap((r) => r.claimActors),
    );
    await insertChunked(
      trx,
      "attributions",
      fresh.flatMap((r) => r.attributions),
    );
    await insertChunked(
      trx,
      "flags",
      fresh.flatMap((r) => r.flags),
    );
    // Rows shared by all writers last, just before the commit (every article naming North Korea updates the
    // same totals): their locks are held as briefly as possible, and always taken in one order — table by
    // table, rows sorted — so concurrent writers wait for each other but never deadlock.
    const names = fresh
      .flatMap((r) => r.entityNames)
      .sort((a, b) =>
        a.name_lc < b.name_lc ? -1 : a.name_lc > b.name_lc ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
    for (const chunk of chunks(names)) {
      await trx
        .insertInto("entity_names")
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const totals = entityTotals(freshDocs);
    for (const chunk of chunks(totals.entityStats)) {
      await trx
        .insertInto("entity_stats")
        .values(chunk)
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            article_count: sql`entity_stats.article_count + excluded.article_count`,
            mention_count: sql`entity_stats.mention_count + excluded.mention_count`,
          }),
        )
        .execute();
    }
    for (const chunk of chunks(totals.entityVariants)) {
      await trx
        .insertInto("entity_variants")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["key", "kind", "value"]).doUpdateSet({ n: sql`entity_variants.n + excluded.n` }),
        )
        .execute();
    }
    return rows.map((r, i) => ({
      id: r.article.id,
      inserted: first.get(r.article.id) === i && inserted.has(r.article.id),
    }));
  }

  /**
   * Store articles read from another store, keeping their ingest times, in one transaction. Articles already
   * here are left as they are. Returns how many were new.
   */
  async importArticles(docs: readonly StoredArticle[]): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const results = await this.putArticlesIn(
        trx,
        docs.map(({ ingestedAt, ...doc }) => ({ doc, ingestedAt })),
      );
      return results.filter((r) => r.inserted).length;
    });
  }

  async hasArticle(id: string): Promise<boolean> {
    const row = await this.db.selectFrom("articles").select("seq").where("id", "=", id).executeTakeFirst();
    return row !== undefined;
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const row = await this.db
      .selectFrom("articles")
      .select(["doc", "body", "ingested_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? storedArticle(row) : null;
  }

  /** Newest publication first (undated last), then in ingest order. No `limit` means every article. */
  async listArticles(query: ArticleQuery = {}): Promise<ArticleSummary[]> {
    if (query.ids && query.ids.length === 0) return [];
    const conditions = articleConditions(query);
    if (query.ids) conditions.push(sql<SqlBool>`a.id in (${sql.join(query.ids)})`);
    const result = await sql<SummaryRow>`select ${sql.join(articleSummaryColumns.map((c) => sql.ref(c)))}
      from articles a where 1 = 1 ${whereAll(conditions)}
      order by ${this.newestFirst()}
      ${pageClause(this.engine, query.limit, query.offset)}`.execute(this.db);
    return result.rows.map(toSummary);
  }

  async countArticles(): Promise<number> {
    const row = await this.db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listOutlets(): Promise<OutletCount[]> {
    const rows = await this.db
      .selectFrom("articles")
      .select((eb) => ["outlet", eb.fn.countAll().as("n")])
      .where("outlet", "is not", null)
      .groupBy("outlet")
      .orderBy("outlet")
      .execute();
    return rows.flatMap((r) => (r.outlet ? [{ outlet: r.outlet, articles: Number(r.n) }] : []));
  }

  async *iterateArticles(batchSize = 500): AsyncIterable<StoredArticle> {
    let after = -1;
    const size = Math.max(1, Math.floor(batchSize));
    for (;;) {
      const rows = await this.db
        .selectFrom("articles")
        .select(["seq", "doc", "body", "ingested_at"])
        .where("seq", ">", after)
        .orderBy("seq")
        .limit(size)
        .execute();
      for (const row of rows) yield storedArticle(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < size) return;
      after = Number(last.seq);
    }
  }

  /** The WHERE conditions of `listClaims` on the claim aliased `c`. */
  private async claimConditions(query: ClaimQuery): Promise<RawBuilder<SqlBool>[]> {
    const conditions: RawBuilder<SqlBool>[] = [];
    if (query.type) conditions.push(sql<SqlBool>`c.type = ${query.type}`);
    if (query.stance) conditions.push(sql<SqlBool>`c.stance = ${query.stance}`);
    if (query.articleId) conditions.push(sql<SqlBool>`c.article_id = ${query.articleId}`);
    if (query.entity) {
      const wanted = query.entity;
      const lc = wanted.toLowerCase();
      // The entity may be named by key, canonical name or alias: resolve it to keys (one index lookup), then
      // take the claims that list one of those keys among their actors or name it as a party (indexed too).
      const keys = await this.db
        .selectFrom("entity_names")
        .select("key")
        .distinct()
        .where("name_lc", "=", lc)
        .execute();
      const actors = [...new Set([wanted, lc, partyActor(wanted), ...keys.map((k) => k.key)])];
      conditions.push(sql<SqlBool>`(c.article_id, c.idx) in (select ca.article_id, ca.claim_idx from claim_actors ca
        where ca.actor in (${sql.join(actors)}))`);
    }
    return conditions;
  }

  /** Claims in ingest order of their article, then in article order. No `limit` means every claim. */
  async listClaims(query: ClaimQuery = {}): Promise<StoredClaim[]> {
    const conditions = await this.claimConditions(query);
    const result = await sql<{
      json: unknown;
      article_id: string;
      idx: number;
      outlet: string | null;
      published: string | null;
      source: string;
    }>`select c.json, c.article_id, c.idx, a.outlet, a.published, a.source
      from claims c join articles a on a.id = c.article_id
      where 1 = 1 ${whereAll(conditions)}
      order by a.seq, c.idx ${pageClause(this.engine, query.limit, query.offset)}`.execute(this.db);
    return result.rows.map((r) => ({
      ...parseJson<Claim>(r.json),
      articleId: r.article_id,
      index: Number(r.idx),
      outlet: r.outlet,
      published: r.published,
      source: r.source,
    }));
  }

  async countClaims(query: ClaimQuery = {}): Promise<number> {
    const conditions = await this.claimConditions(query);
    // Every claim has its article (foreign key), so the count needs no join.
    const result = await sql<{ n: number | string }>`select count(*) as n from claims c
      where 1 = 1 ${whereAll(conditions)}`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }

  async listAttributions(articleId: string): Promise<StoredAttribution[]> {
    const rows = await this.db
      .selectFrom("attributions")
      .select(["json", "idx"])
      .where("article_id", "=", articleId)
      .orderBy("idx")
      .execute();
    return rows.map((r) => ({ ...parseJson<Attribution>(r.json), articleId, index: Number(r.idx) }));
  }

  /** Entities grouped by key: most articles first, then most mentions (read from the running totals). */
  async listEntities(query: EntityQuery = {}): Promise<EntitySummary[]> {
    const conditions: RawBuilder<SqlBool>[] = [];
    if (query.type) {
      conditions.push(sql<SqlBool>`exists (select 1 from entity_variants v
        where v.key = s.key and v.kind = 'type' and v.value = ${query.type})`);
    }
    if (query.name) {
      const like = `%${likeEscape(query.name.toLowerCase())}%`;
      conditions.push(
        sql<SqlBool>`s.key in (select n.key from entity_names n where n.name_lc like ${like} escape '\\')`,
      );
    }
    const groups = await sql<{ key: string; article_count: number | string; mention_count: number | string }>`
      select s.key, s.article_count, s.mention_count
      from entity_stats s where 1 = 1 ${whereAll(conditions)}
      order by s.article_count desc, s.mention_count desc, s.key
      ${pageClause(this.engine, query.limit, query.offset)}`.execute(this.db);
    const keys = groups.rows.map((g) => g.key);
    if (keys.length === 0) return [];
    const variants = await this.db
      .selectFrom("entity_variants")
      .select(["key", "kind", "value", "n"])
      .where("key", "in", keys)
      .execute();
    // Per key and kind, values from most to least frequent (ties alphabetical).
    const byKey = new Map<string, Map<string, { value: string; n: number }[]>>();
    for (const v of variants) {
      const kinds = byKey.get(v.key) ?? new Map<string, { value: string; n: number }[]>();
      const list = kinds.get(v.kind) ?? [];
      list.push({ value: v.value, n: Number(v.n) });
      kinds.set(v.kind, list);
      byKey.set(v.key, kinds);
    }
    const values = (key: string, kind: string) =>
      (byKey.get(key)?.get(kind) ?? [])
        .sort((x, y) => y.n - x.n || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
        .map((x) => x.value);
    return groups.rows.map((g) => {
      const name = values(g.key, "name")[0] ?? g.key;
      return {
        key: g.key,
        name,
        type: (values(g.key, "type")[0] ?? "ORG") as EntityType,
        aliases: [name, ...values(g.key, "alias").filter((x) => x !== name)],
        roles: values(g.key, "role"),
        mentionCount: Number(g.mention_count),
        articleCount: Number(g.article_count),
      };
    });
  }

  async getEntityOccurrences(key: string, page: PageQuery = {}): Promise<StoredEntity[]> {
    const result = await sql<{ json: unknown; article_id: string }>`select e.json, e.article_id
      from entities e join articles a on a.id = e.article_id
      where e.key = ${key}
      order by a.seq, e.idx ${pageClause(this.engine, page.limit, page.offset)}`.execute(this.db);
    return result.rows.map((r) => ({ ...parseJson<Entity>(r.json), articleId: r.article_id }));
  }

  /**
   * Summed in JavaScript over one read of the occurrences: faster here than the engines' JSON functions
   * (json_each over 8,000 mentions took SQLite three times as long as parsing them), and written once for
   * both engines. What it returns is small however many articles name the entity.
   */
  async getEntityProfile(key: string): Promise<EntityProfile | null> {
    const result = await sql<{ json: unknown; article_id: string }>`select e.json, e.article_id
      from entities e join articles a on a.id = e.article_id
      where e.key = ${key}
      order by a.seq, e.idx`.execute(this.db);
    const rows = result.rows;
    if (rows.length === 0) return null;
    const forms = new Map<string, { mentions: number; articles: Set<string>; via: Record<string, number> }>();
    const roles: Record<string, number> = {};
    const sanctions = new Map<string, SanctionsLink>();
    const articles = new Set<string>();
    let mentionCount = 0;
    let imo: string | null = null;
    let first: Entity | null = null;
    for (const row of rows) {
      const o = parseJson<Entity>(row.json);
      first ??= o;
      articles.add(row.article_id);
      for (const m of o.mentions) {
        const form = m.text.replace(/['’]s$/, "");
        const how = m.via ?? "name";
        let f = forms.get(form);
        if (!f) {
          f = { mentions: 0, articles: new Set<string>(), via: {} };
          forms.set(form, f);
        }
        f.mentions += 1;
        f.articles.add(row.article_id);
        f.via[how] = (f.via[how] ?? 0) + 1;
      }
      mentionCount += o.mentions.length;
      for (const r of o.roles) roles[r] = (roles[r] ?? 0) + 1;
      for (const link of o.sanctions ?? []) sanctions.set(link.reference, link);
      imo ??= o.imo ?? null;
    }
    const head = first as Entity;
    return {
      key,
      name: head.name,
      type: head.type,
      country: head.country ?? null,
      imo,
      occurrenceCount: rows.length,
      articleCount: articles.size,
      mentionCount,
      forms: [...forms].map(([form, f]) => ({
        form,
        mentions: f.mentions,
        articles: f.articles.size,
        via: f.via,
      })),
      roles,
      sanctions: [...sanctions.values()],
    };
  }

  async saveClustering(result: { stories: Story[]; duplicates: DuplicateLink[] }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("story_articles").execute();
      await trx.deleteFrom("stories").execute();
      await trx.deleteFrom("duplicates").execute();
      await insertChunked(
        trx,
        "stories",
        result.stories.map((s, position) => ({
          id: s.id,
          position,
          title: s.title,
          start_date: s.start,
          end_date: s.end,
        })),
      );
      const members = result.stories.flatMap((s) =>
        [...new Set(s.articleIds)].map((articleId, position) => ({
          story_id: s.id,
          article_id: articleId,
          position,
        })),
      );
      await insertChunked(trx, "story_articles", members);
      await insertChunked(
        trx,
        "duplicates",
        result.duplicates.map((d) => ({
          article_id: d.articleId,
          duplicate_of: d.duplicateOf,
          similarity: d.similarity,
          kind: d.kind,
        })),
      );
    });
  }

  async listStories(): Promise<Story[]> {
    return this.readStories(null);
  }

  async getStory(id: string): Promise<Story | null> {
    const [story] = await this.readStories(id);
    return story ?? null;
  }

  private async readStories(id: string | null): Promise<Story[]> {
    let stories = this.db.selectFrom("stories").selectAll().orderBy("position");
    let members = this.db
      .selectFrom("story_articles")
      .select(["story_id", "article_id"])
      .orderBy("story_id")
      .orderBy("position");
    if (id !== null) {
      stories = stories.where("id", "=", id);
      members = members.where("story_id", "=", id);
    }
    const [storyRows, memberRows] = await Promise.all([stories.execute(), members.execute()]);
    const byStory = new Map<string, string[]>();
    for (const m of memberRows) {
      const members = byStory.get(m.story_id);
      if (members) members.push(m.article_id);
      else byStory.set(m.story_id, [m.article_id]);
    }
    return storyRows.map((s) => ({
      id: s.id,
      title: s.title,
      start: s.start_date,
      end: s.end_date,
      articleIds: byStory.get(s.id) ?? [],
    }));
  }

  async listDuplicates(): Promise<DuplicateLink[]> {
    const rows = await this.db.selectFrom("duplicates").selectAll().orderBy("article_id").execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      duplicateOf: r.duplicate_of,
      similarity: Number(r.similarity),
      kind: r.kind as DuplicateLink["kind"],
    }));
  }

  async addStoryDecision(decision: StoryDecision): Promise<void> {
    await this.db
      .insertInto("story_decisions")
      .values({
        kind: decision.kind,
        article_ids: JSON.stringify(decision.articleIds),
        created_at: decision.createdAt,
      })
      .execute();
  }

  async listStoryDecisions(): Promise<StoryDecision[]> {
    const rows = await this.db.selectFrom("story_decisions").selectAll().orderBy("seq").execute();
    return rows.map((r) => ({
      kind: r.kind as StoryDecision["kind"],
      articleIds: parseJson<string[]>(r.article_ids),
      createdAt: r.created_at,
    }));
  }

  async saveLedger(ledger: Ledger): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("ledger_claims").execute();
      await trx.deleteFrom("ledger_discrepancies").execute();
      await insertChunked(
        trx,
        "ledger_claims",
        ledger.claims.map((c, position) => ({ position, id: c.id, type: c.type, json: JSON.stringify(c) })),
      );
      await insertChunked(
        trx,
        "ledger_discrepancies",
        ledger.discrepancies.map((d, position) => ({ position, kind: d.kind, json: JSON.stringify(d) })),
      );
    });
  }

  async getLedger(): Promise<Ledger> {
    const [claims, discrepancies] = await Promise.all([
      this.db.selectFrom("ledger_claims").select("json").orderBy("position").execute(),
      this.db.selectFrom("ledger_discrepancies").select("json").orderBy("position").execute(),
    ]);
    return {
      claims: claims.map((r) => parseJson<CanonicalClaim>(r.json)),
      discrepancies: discrepancies.map((r) => parseJson<Discrepancy>(r.json)),
    };
  }

  async saveSanctionsList(list: SanctionsList): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("sanctions_entries").execute();
      await trx.deleteFrom("sanctions_lists").execute();
      await trx
        .insertInto("sanctions_lists")
        .values({ id: 1, generated: list.generated, source: list.source })
        .execute();
      await insertChunked(
        trx,
        "sanctions_entries",
        list.entries.map((e, position) => ({
          position,
          reference: e.reference,
          kind: e.kind,
          name: e.name,
          json: JSON.stringify(e),
        })),
      );
    });
  }

  async getSanctionsList(): Promise<SanctionsList | null> {
    const head = await this.db.selectFrom("sanctions_lists").selectAll().executeTakeFirst();
    if (!head) return null;
    const entries = await this.db
      .selectFrom("sanctions_entries")
      .select("json")
      .orderBy("position")
      .execute();
    return {
      generated: head.generated,
      source: head.source,
      entries: entries.map((r) => parseJson<SanctionsEntry>(r.json)),
    };
  }

  async recordProblem(problem: IngestProblem): Promise<void> {
    await this.db
      .insertInto("problems")
      .values({
        source: problem.source,
        code: problem.code,
        message: problem.message,
        hint: problem.hint,
        at: new Date().toISOString(),
      })
      .execute();
  }

  async listProblems(): Promise<StoredProblem[]> {
    const rows = await this.db.selectFrom("problems").selectAll().orderBy("seq").execute();
    return rows.map((r) => ({ source: r.source, code: r.code, message: r.message, hint: r.hint, at: r.at }));
  }

  async saveToken(token: StoredToken): Promise<void> {
    await this.db
      .insertInto("api_tokens")
      .values({
        id: token.id,
        name: token.name,
        hash: token.hash,
        created_at: token.createdAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async getToken(id: string): Promise<StoredToken | null> {
    const row = await this.db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async listTokens(): Promise<StoredToken[]> {
    const rows = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toToken(r: {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}): StoredToken {
  return { id: r.id, name: r.name, hash: r.hash, createdAt: r.created_at, revokedAt: r.revoked_at };
}

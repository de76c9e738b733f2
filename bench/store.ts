/**
 * Store benchmarks: how fast articles go into SQLite, how fast the two common reads (story list, search)
 * answer at 10k and 100k articles (100k without --quick), on SQLite and, when Postgres is there, on Postgres.
 *
 * Articles are synthetic (bench/synthetic.ts) and "analyzed" here by a cheap stand-in that finds the
 * generator's own names and one claim per reporting sentence, so the figures measure the store, not the
 * pipeline. Every figure has a baseline from the same run:
 *   - ingest: the same documents written by raw better-sqlite3 as (id, json) rows — the floor for one write;
 *   - story list: the same rows read by raw prepared statements, without JSON parsing or Kysely;
 *   - search: a `LIKE '%word%'` scan of the body — what a search without the FTS5 index costs;
 *   - Postgres story list and search (with WATCHDESK_TEST_PG_URL): the SQLite figure on the same corpus.
 * Ingest through the Postgres queue with 1, 2 and 4 worker processes is bench/workers.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { KyselyStore } from "../src/store/kysely-store.js";
import { openPostgresStore, openSqliteStore, type SqliteStore } from "../src/store/index.js";
import type { AnalyzedArticle, Claim, Entity, RawDocument, Story } from "../src/types.js";
import { SYNTHETIC_ENTITIES, syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchContext, BenchRow } from "./types.js";

function bodyOf(raw: RawDocument): string {
  if (raw.contentType === "text/plain") return raw.content;
  const paragraphs = [...raw.content.matchAll(/<p>([^<]*)<\/p>/g)].map((m) =>
    m[1]!.replaceAll("&quot;", '"'),
  );
  return paragraphs.filter((p) => !p.startsWith("See also")).join("\n\n");
}

/** A stand-in for the pipeline with realistic record counts (about 8 entities and 4 claims an article). */
export function standInAnalyze(raw: RawDocument): AnalyzedArticle {
  const body = bodyOf(raw);
  const id = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const title = raw.hints.title ?? raw.content.match(/<h1>([^<]*)<\/h1>/)?.[1] ?? raw.source;
  const published =
    raw.hints.published ?? raw.content.match(/published_time" content="(\d{4}-\d\d-\d\d)/)?.[1] ?? null;
  const outlet = raw.hints.outlet ?? raw.content.match(/og:site_name" content="([^"]+)/)?.[1] ?? null;
  const entities: Entity[] = [];
  for (const e of SYNTHETIC_ENTITIES) {
    const mentions = [];
    for (let at = body.indexOf(e.name); at >= 0; at = body.indexOf(e.name, at + 1)) {
      mentions.push({ start: at, end: at + e.name.length, text: e.name, via: "name" });
    }
    if (mentions.length === 0) continue;
    entities.push({
      id: `e${entities.length + 1}`,
      name: e.name,
      type: e.type,
      aliases: [e.name],
      mentions,
      roles: [],
      gender: "unknown",
      key: e.key,
    });
  }
  const states = entities.filter((e) => e.type === "STATE");
  const claims: Claim[] = [];
  for (const m of body.matchAll(
    /[^.\n]*\b(shipped|delivered|sent|launched|imposed|denied|rejected|began)\b[^.\n]*\./g,
  )) {
    const text = m[0].trim();
    const start = body.indexOf(text, m.index);
    const verb = m[1]!;
    claims.push({
      type:
        verb === "launched"
          ? "WEAPONS_TEST"
          : verb === "imposed"
            ? "SANCTIONS_ACTION"
            : verb === "began"
              ? "MILITARY_EXERCISE"
              : "ARMS_TRANSFER",
      subject: states[0]?.name ?? null,
      object: states[1]?.name ?? null,
      item: null,
      quantity: null,
      when: published,
      whenText: null,
      holder: outlet ?? "unknown",
      holderKind: "outlet",
      stance: verb === "denied" || verb === "rejected" ? "DENY" : "ASSERT",
      confidence: 0.7,
      actors: states.slice(0, 2).map((s) => s.key),
      evidence: { start, end: start + text.length, text },
    });
  }
  return {
    article: {
      id,
      source: raw.source,
      url: raw.hints.url ?? null,
      title,
      section: null,
      published,
      publishedFrom: published ? "meta" : "none",
      outlet,
      claimedSource: null,
      dateline: body.match(/^([A-Z]+) —/)?.[1] ?? null,
      byline: raw.hints.byline ?? null,
      language: "en",
      body,
      removed: [],
    },
    entities,
    attributions: [],
    claims,
    flags: [],
    dates: [],
  };
}

/** Distinct analyzed articles (syndicated copies are distinct texts, so every one is a new article). */
function analyzedCorpus(count: number, seed: number): AnalyzedArticle[] {
  const out: AnalyzedArticle[] = [];
  const seen = new Set<string>();
  for (const raw of syntheticDocuments(count * 2, seed)) {
    const doc = standInAnalyze(raw);
    if (seen.has(doc.article.id)) continue;
    seen.add(doc.article.id);
    out.push(doc);
    if (out.length === count) break;
  }
  return out;
}

function removeDatabase(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeEach(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

function rawInsertRate(path: string, docs: AnalyzedArticle[]): number {
  rmSync(path, { force: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table docs (id text primary key, json text not null)");
  const insert = db.prepare("insert or ignore into docs (id, json) values (?, ?)");
  const t = performance.now();
  // One transaction per document, like putArticle: the fair floor.
  const one = db.transaction((d: AnalyzedArticle) => insert.run(d.article.id, JSON.stringify(d)));
  for (const d of docs) one(d);
  const seconds = (performance.now() - t) / 1000;
  db.close();
  return docs.length / seconds;
}

async function sqliteIngest(ctx: BenchContext, size: number, docs: AnalyzedArticle[]): Promise<BenchRow[]> {
  const path = join(ctx.workDir, `store-ingest-${size}.db`);
  removeDatabase(path);
  const store = await openSqliteStore(path);
  const t = performance.now();
  for (const doc of docs) await store.putArticle(doc);
  const rate = docs.length / ((performance.now() - t) / 1000);
  const tAgain = performance.now();
  for (const doc of docs.slice(0, 1000)) await store.putArticle(doc);
  const againRate = Math.min(1000, docs.length) / ((performance.now() - tAgain) / 1000);
  await store.close();
  removeDatabase(path);
  const rawPath = join(ctx.workDir, `store-raw-${size}.db`);
  const baseline = rawInsertRate(rawPath, docs);
  removeDatabase(rawPath);
  const rows: BenchRow[] = [
    {
      bench: "store",
      case: `sqlite putArticle ${size} docs`,
      value: rate,
      unit: "docs/s",
      baseline: { name: "raw better-sqlite3 (id, json) insert", value: baseline },
      detail: `${(docs.reduce((n, d) => n + d.entities.length + d.claims.length, 0) / docs.length).toFixed(1)} entities+claims/doc; re-put of stored docs ${againRate.toFixed(0)} docs/s`,
    },
  ];
  if (size <= 1000) {
    // The same documents through a Kysely transaction (the generic path), to justify the synchronous one.
    const kpath = join(ctx.workDir, `store-kysely-${size}.db`);
    removeDatabase(kpath);
    const kstore = await openSqliteStore(kpath);
    const tk = performance.now();
    for (const doc of docs) await KyselyStore.prototype.putArticle.call(kstore, doc);
    const kRate = docs.length / ((performance.now() - tk) / 1000);
    await kstore.close();
    removeDatabase(kpath);
    rows.push({
      bench: "store",
      case: `sqlite putArticle ${size} docs, sync path`,
      value: rate,
      unit: "docs/s",
      baseline: { name: "same via Kysely async transaction", value: kRate },
    });
  }
  return rows;
}

interface StoryMember {
  id: string;
  title: string;
  published: string | null;
}

function groupIntoStories(docs: StoryMember[]): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < docs.length; i += 5) {
    const members = docs.slice(i, i + 5);
    const dates = members
      .map((d) => d.published)
      .filter((d): d is string => d !== null)
      .sort();
    stories.push({
      id: `story-${i / 5}`,
      title: members[0]!.title,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      articleIds: members.map((d) => d.id),
    });
  }
  return stories;
}

const QUERIES = [
  "artillery shells",
  "Pyongyang",
  '"ballistic missiles"',
  "sanctions tankers",
  "drones or launchers",
  "delegation talks",
  "denied weapons",
  "satellite vessels",
  "embargo -Syria",
  "Treasury",
];

async function sqliteQueries(ctx: BenchContext, size: number): Promise<BenchRow[]> {
  const path = join(ctx.workDir, `store-query-${size}.db`);
  removeDatabase(path);
  const store: SqliteStore = await openSqliteStore(path);
  ctx.log(`building a ${size}-article store`);
  const t = performance.now();
  let stories: AnalyzedArticle[] = [];
  const seen = new Set<string>();
  let seed = 100;
  const ingestedAt = new Date().toISOString();
  while (seen.size < size) {
    const fresh = analyzedCorpus(Math.min(20_000, size - seen.size), seed++).filter((doc) => {
      if (seen.has(doc.article.id)) return false;
      seen.add(doc.article.id);
      return true;
    });
    // Batches of 1,000 per transaction: building the store is not what this case measures.
    for (let i = 0; i < fresh.length; i += 1000) {
      await store.importArticles(fresh.slice(i, i + 1000).map((doc) => ({ ...doc, ingestedAt })));
    }
    stories.push(...fresh);
  }
  const loadRate = size / ((performance.now() - t) / 1000);
  await store.saveClustering({ stories: groupIntoStories(stories.map((d) => d.article)), duplicates: [] });
  stories = [];
  const runs = 20;
  const storyTimes = await timeEach(runs, () => store.listStories());
  const searchTimes = await timeEach(runs * 2, (i) =>
    store.search({ text: QUERIES[i % QUERIES.length]!, limit: 20 }),
  );
  const facetTimes = await timeEach(runs, (i) =>
    store.search({
      text: QUERIES[i % QUERIES.length]!,
      limit: 20,
      outlet: "Pacific Wire",
      from: "2023-06-01",
    }),
  );
  const listTimes = await timeEach(10, (i) => store.listArticles({ limit: 50, offset: i * 50 }));
  const outletTimes = await timeEach(10, (i) =>
    store.listArticles({ outlet: "Harbor Ledger", from: "2023-03-01", limit: 50, offset: i * 50 }),
  );
  const entityTimes = await timeEach(10, () => store.listEntities({ limit: 50 }));
  const claimTimes = await timeEach(10, (i) =>
    store.listClaims({ entity: i % 2 ? "North Korea" : "state:russia", type: "ARMS_TRANSFER", limit: 50 }),
  );
  const storyCount = (await store.listStories()).length;
  await store.close();

  const raw = new Database(path, { readonly: true });
  const storyRows = raw.prepare("select * from stories order by position");
  const memberRows = raw.prepare(
    "select story_id, article_id from story_articles order by story_id, position",
  );
  const rawStoryTimes = await timeEach(runs, () => {
    storyRows.all();
    memberRows.all();
  });
  // Ranking needs every match, so the scan has to read every body too.
  const like = raw.prepare("select count(*) from articles where body like ?");
  const words = QUERIES.map((q) => q.replace(/["-]/g, "").split(" ")[0]!);
  const likeTimes = await timeEach(Math.min(runs, 10), (i) => like.get(`%${words[i % words.length]}%`));
  const rawEntities =
    raw.prepare(`select key, count(distinct article_id) as articles, sum(mention_count) as mentions
    from entities group by key order by articles desc, mentions desc, key limit 50`);
  const rawEntityTimes = await timeEach(10, () => rawEntities.all());
  const rawClaims = raw.prepare(`select c.json from claims c join claim_actors ca
    on ca.article_id = c.article_id and ca.claim_idx = c.idx join articles a on a.id = c.article_id
    where ca.actor = ? and c.type = 'ARMS_TRANSFER' order by a.seq, c.idx limit 50`);
  const rawClaimTimes = await timeEach(10, (i) =>
    rawClaims.all(i % 2 ? "state:north-korea" : "state:russia"),
  );
  raw.close();
  removeDatabase(path);
  return [
    {
      bench: "store",
      case: `sqlite story list p95 @${size}`,
      value: percentile(storyTimes, 95),
      unit: "ms",
      baseline: { name: "raw prepared selects", value: percentile(rawStoryTimes, 95) },
      detail: `${storyCount} stories; built at ${loadRate.toFixed(0)} docs/s in 1,000-article transactions`,
    },
    {
      bench: "store",
      case: `sqlite search p95 @${size}`,
      value: percentile(searchTimes, 95),
      unit: "ms",
      baseline: { name: "LIKE scan, no index", value: percentile(likeTimes, 95) },
      detail: `limit 20, snippets, bm25; p50 ${percentile(searchTimes, 50).toFixed(1)} ms`,
    },
    {
      bench: "store",
      case: `sqlite article list p95 @${size}`,
      value: percentile(listTimes, 95),
      unit: "ms",
      baseline: { name: "same with outlet + date filter", value: percentile(outletTimes, 95) },
      detail: "newest first, pages of 50",
    },
    {
      bench: "store",
      case: `sqlite entity list p95 @${size}`,
      value: percentile(entityTimes, 95),
      unit: "ms",
      baseline: { name: "raw group-by (counts only)", value: percentile(rawEntityTimes, 95) },
      detail: "top 50 keys with names, aliases, roles",
    },
    {
      bench: "store",
      case: `sqlite claims by entity p95 @${size}`,
      value: percentile(claimTimes, 95),
      unit: "ms",
      baseline: { name: "raw select by actor key", value: percentile(rawClaimTimes, 95) },
      detail: "entity by name or key, resolved through aliases; type filter; 50 claims",
    },
    {
      bench: "store",
      case: `sqlite search+facets p95 @${size}`,
      value: percentile(facetTimes, 95),
      unit: "ms",
      baseline: { name: "plain search p95", value: percentile(searchTimes, 95) },
      detail: "outlet + from-date facets",
    },
  ];
}

/**
 * The story list and search at `size` articles on Postgres: the same corpus as the SQLite case (same seeds),
 * with the SQLite figures of this run as baselines.
 */
async function postgresQueries(
  ctx: BenchContext,
  base: string,
  size: number,
  sqlite: Map<string, number>,
): Promise<BenchRow[]> {
  const schema = `wd_bench_${randomBytes(4).toString("hex")}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  const store = await openPostgresStore(url.toString());
  try {
    ctx.log(`building a ${size}-article Postgres store`);
    const t = performance.now();
    const members: StoryMember[] = [];
    const seen = new Set<string>();
    let seed = 100;
    const ingestedAt = new Date().toISOString();
    while (seen.size < size) {
      const fresh = analyzedCorpus(Math.min(20_000, size - seen.size), seed++).filter((doc) => {
        if (seen.has(doc.article.id)) return false;
        seen.add(doc.article.id);
        return true;
      });
      for (let i = 0; i < fresh.length; i += 1000) {
        await store.importArticles(fresh.slice(i, i + 1000).map((doc) => ({ ...doc, ingestedAt })));
      }
      members.push(...fresh.map((d) => d.article));
    }
    const loadRate = size / ((performance.now() - t) / 1000);
    await store.saveClustering({ stories: groupIntoStories(members), duplicates: [] });
    members.length = 0;
    // Planner statistics after a bulk load, as autovacuum would gather them soon after.
    await sql`analyze`.execute(store.kysely);
    const runs = 20;
    const storyTimes = await timeEach(runs, () => store.listStories());
    const searchTimes = await timeEach(runs * 2, (i) =>
      store.search({ text: QUERIES[i % QUERIES.length]!, limit: 20 }),
    );
    const facetTimes = await timeEach(runs, (i) =>
      store.search({
        text: QUERIES[i % QUERIES.length]!,
        limit: 20,
        outlet: "Pacific Wire",
        from: "2023-06-01",
      }),
    );
    const storyCount = (await store.listStories()).length;
    const row = (what: string, samples: number[], detail: string): BenchRow => {
      const same = sqlite.get(`sqlite ${what} p95 @${size}`);
      return {
        bench: "store",
        case: `postgres ${what} p95 @${size}`,
        value: percentile(samples, 95),
        unit: "ms",
        ...(same === undefined ? {} : { baseline: { name: "sqlite, same corpus", value: same } }),
        detail,
      };
    };
    return [
      row(
        "story list",
        storyTimes,
        `${storyCount} stories; built at ${loadRate.toFixed(0)} docs/s in 1,000-article transactions`,
      ),
      row(
        "search",
        searchTimes,
        `limit 20, ts_headline snippets, ts_rank_cd; p50 ${percentile(searchTimes, 50).toFixed(1)} ms`,
      ),
      row("search+facets", facetTimes, "outlet + from-date facets"),
    ];
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}

export const benchmark: Benchmark = {
  name: "store",
  needsShared: false,
  async run(ctx) {
    mkdirSync(ctx.workDir, { recursive: true });
    const rows: BenchRow[] = [];
    const sizes = [1000, 10_000].map((n) => Math.max(100, Math.round(n * ctx.scale)));
    const largest = analyzedCorpus(sizes[sizes.length - 1]!, 7);
    for (const size of sizes) {
      ctx.log(`sqlite ingest ${size}`);
      rows.push(...(await sqliteIngest(ctx, size, largest.slice(0, size))));
    }
    const querySizes = [Math.round(10_000 * ctx.scale), ...(ctx.scale >= 1 ? [100_000] : [])];
    const pgUrl = process.env.WATCHDESK_BENCH_PG_URL ?? process.env.WATCHDESK_TEST_PG_URL;
    for (const size of querySizes) {
      ctx.log(`sqlite queries @${size}`);
      const sqliteRows = await sqliteQueries(ctx, size);
      rows.push(...sqliteRows);
      if (pgUrl) {
        ctx.log(`postgres queries @${size}`);
        const same = new Map(sqliteRows.map((r) => [r.case, r.value]));
        rows.push(...(await postgresQueries(ctx, pgUrl, size, same)));
      }
    }
    if (!pgUrl) ctx.log("WATCHDESK_TEST_PG_URL not set: Postgres query figures skipped");
    return rows;
  },
};

/**
 * The SQLite engine (the default): better-sqlite3 under Kysely. WAL so readers never block the writer,
 * a busy timeout so a second process waits for the lock instead of failing, foreign keys on.
 */
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase, sql } from "kysely";
import { WatchdeskError } from "../errors.js";
import {
  DEFAULT_SEARCH_LIMIT,
  KyselyStore,
  articleConditions,
  lockTimeoutError,
  pageClause,
  whereAll,
} from "./kysely-store.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { MIGRATIONS_TABLE } from "./migrations/runner.js";
import type { StoreDatabase } from "./schema.js";
import { toFts5Query } from "./fts-query.js";
import type { PutResult, SearchHit, SearchQuery, StoredArticle } from "./types.js";
import type { AnalyzedArticle } from "../types.js";
import { articleRows } from "./rows.js";

/** How long a writer waits for another process's lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 10_000;

type Rows = ReturnType<typeof articleRows>;

/**
 * `withExclusiveLock` on SQLite: a lease row per lock name. Created on first use (not by a migration) because
 * it holds nothing worth keeping. The holder renews the lease while it works; a holder on this machine whose
 * process is gone loses the lock at once, any other only when its lease runs out.
 */
const LOCKS_TABLE = `create table if not exists store_locks (
  name text primary key, holder text not null, host text not null, pid integer not null, expires_at integer not null)`;
const LOCK_LEASE_MS = 10 * 60_000;
const LOCK_RENEW_MS = 30_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The SQLite failures a user can do something about — a full disk, a file or folder that cannot be written —
 * as errors that name the database file and say what to do. Anything else is returned as it is.
 */
export function sqliteFailure(error: unknown, location: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_FULL") {
    return new WatchdeskError("STORE_DISK_FULL", "the disk holding the database is full", {
      input: location,
      hint: "free some space on that disk, or move the database to one with room, then run the same command again: everything already stored is kept, and a re-run stores only what is missing",
      cause: error,
    });
  }
  if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) {
    return readOnlyError(location, error);
  }
  return error;
}

function readOnlyError(location: string, cause: unknown): WatchdeskError {
  return new WatchdeskError(
    "STORE_READ_ONLY",
    "the database is read-only here: SQLite must write the file, and its -wal and -shm files beside it",
    {
      input: location,
      hint: "make the file and its folder writable for this user, or copy it to a writable folder and point --db at the copy",
      cause,
    },
  );
}

function guarded<T>(location: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw sqliteFailure(error, location);
  }
}

/** better-sqlite3 as Kysely sees it, with the failures of sqliteFailure turned into clear errors. */
function guardedDatabase(database: Database.Database, location: string): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(text) {
      const statement = guarded(location, () => database.prepare(text));
      return {
        reader: statement.reader,
        all: (parameters) => guarded(location, () => statement.all(parameters)),
        run: (parameters) => guarded(location, () => statement.run(parameters)),
        *iterate(parameters) {
          try {
            yield* statement.iterate(parameters);
          } catch (error) {
            throw sqliteFailure(error, location);
          }
        },
      };
    },
  };
}

function insertStatement(table: string, columns: string[], conflict = ""): string {
  return `insert into ${table} (${columns.join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")}) ${conflict}`;
}

export class SqliteStore extends KyselyStore {
  readonly engine = "sqlite" as const;
  readonly location: string;
  /** The better-sqlite3 handle under Kysely, for the write path. */
  readonly database: Database.Database;
  /** Prepared on first use: the tables exist only once migrated. */
  private putTransaction: ReturnType<SqliteStore["preparePut"]> | null = null;

  constructor(db: Kysely<StoreDatabase>, database: Database.Database, location: string) {
    super(db);
    this.database = database;
    this.location = location;
  }

  /**
   * putArticle runs as one synchronous better-sqlite3 transaction (BEGIN IMMEDIATE) with prepared statements,
   * instead of a Kysely transaction: no await can fall between its statements, so another connection in the
   * same process can never wait on a lock this one holds across the event loop, and it is several times
   * faster (see bench/store.ts).
   */
  private preparePut() {
    const d = this.database;
    const article = d.prepare(
      insertStatement(
        "articles",
        [
          "id",
          "source",
          "url",
          "title",
          "outlet",
          "claimed_source",
          "published",
          "ingested_at",
          "entity_count",
          "claim_count",
          "flag_count",
          "body",
          "doc",
        ],
        "on conflict (id) do nothing",
      ),
    );
    const entity = d.prepare(
      insertStatement("entities", [
        "article_id",
        "idx",
        "local_id",
        "key",
        "name",
        "type",
        "aliases",
        "roles",
        "names_lc",
        "mention_count",
        "json",
      ]),
    );
    const claim = d.prepare(
      insertStatement("claims", [
        "article_id",
        "idx",
        "type",
        "subject",
        "object",
        "item",
        "holder",
        "stance",
        "when_",
        "parties_lc",
        "json",
      ]),
    );
    const actor = d.prepare(insertStatement("claim_actors", ["article_id", "claim_idx", "actor"]));
    const entityName = d.prepare(
      insertStatement("entity_names", ["key", "name_lc"], "on conflict do nothing"),
    );
    const stats = d.prepare(
      insertStatement(
        "entity_stats",
        ["key", "article_count", "mention_count"],
        `on conflict (key) do update set article_count = entity_stats.article_count + excluded.article_count,
          mention_count = entity_stats.mention_count + excluded.mention_count`,
      ),
    );
    const variant = d.prepare(
      insertStatement(
        "entity_variants",
        ["key", "kind", "value", "n"],
        "on conflict (key, kind, value) do update set n = entity_variants.n + excluded.n",
      ),
    );
    const attribution = d.prepare(
      insertStatement("attributions", ["article_id", "idx", "speaker", "speaker_key", "json"]),
    );
    const flag = d.prepare(insertStatement("flags", ["article_id", "idx", "kind", "json"]));
    return d.transaction((rows: Rows): boolean => {
      if (article.run(rows.article).changes === 0) return false;
      for (const r of rows.entities) entity.run(r);
      for (const r of rows.claims) claim.run(r);
      for (const r of rows.claimActors) actor.run(r);
      for (const r of rows.entityNames) entityName.run(r);
      for (const r of rows.entityStats) stats.run(r);
      for (const r of rows.entityVariants) variant.run(r);
      for (const r of rows.attributions) attribution.run(r);
      for (const r of rows.flags) flag.run(r);
      return true;
    });
  }

  /** Many articles (keeping their ingest times) in one synchronous transaction: bulk copies and benchmarks. */
  override async importArticles(docs: readonly StoredArticle[]): Promise<number> {
    this.putTransaction ??= this.preparePut();
    const put = this.putTransaction;
    const rows = docs.map(({ ingestedAt, ...doc }) => articleRows(doc, ingestedAt));
    const all = this.database.transaction(() => rows.filter((r) => put(r)).length);
    return this.db.connection().execute(async () => guarded(this.location, () => all.immediate()));
  }

  override async putArticle(doc: AnalyzedArticle): Promise<PutResult> {
    const rows = articleRows(doc, new Date().toISOString());
    // Holding Kysely's connection keeps this from landing inside one of its open transactions.
    this.putTransaction ??= this.preparePut();
    const put = this.putTransaction;
    const inserted = await this.db
      .connection()
      .execute(async () => guarded(this.location, () => put.immediate(rows)));
    return { id: doc.article.id, inserted };
  }

  /**
   * Migrations run synchronously, each in a BEGIN IMMEDIATE transaction: two processes opening a new file
   * at once queue on the write lock (busy_timeout) instead of one failing with SQLITE_BUSY when its read of
   * `schema_migrations` turns into a write.
   */
  async migrate(): Promise<void> {
    const d = this.database;
    await this.db.connection().execute(async () => {
      d.exec(MIGRATIONS_TABLE);
      const applied = d.prepare("select 1 from schema_migrations where version = ?");
      const record = d.prepare("insert into schema_migrations (version, name, applied_at) values (?, ?, ?)");
      for (const migration of [...sqliteMigrations].sort((a, b) => a.version - b.version)) {
        d.transaction(() => {
          if (applied.get(migration.version)) return;
          for (const statement of migration.statements) d.exec(statement);
          record.run(migration.version, migration.name, new Date().toISOString());
        }).immediate();
      }
    });
  }

  /** Matches the expression index `articles_newest` (migration 5). */
  protected newestFirst() {
    return sql`a.published is null, a.published desc, a.seq`;
  }

  protected async acquireLock(name: string, waitMs: number): Promise<() => Promise<void>> {
    const d = this.database;
    const host = hostname();
    const holder = `${host}:${process.pid}:${randomBytes(4).toString("hex")}`;
    // Synchronous statements, each run while holding Kysely's connection, never inside one of its transactions.
    const run = <T>(fn: () => T): Promise<T> =>
      this.db.connection().execute(async () => guarded(this.location, fn));
    await run(() => d.exec(LOCKS_TABLE));
    const current = d.prepare<[string], { host: string; pid: number; expires_at: number }>(
      "select host, pid, expires_at from store_locks where name = ?",
    );
    const take = d.prepare(
      `insert into store_locks (name, holder, host, pid, expires_at) values (?, ?, ?, ?, ?)
        on conflict (name) do update set holder = excluded.holder, host = excluded.host, pid = excluded.pid,
          expires_at = excluded.expires_at`,
    );
    const tryTake = d.transaction((): boolean => {
      const now = Date.now();
      const row = current.get(name);
      if (row && row.expires_at > now && !(row.host === host && !processAlive(row.pid))) return false;
      take.run(name, holder, host, process.pid, now + LOCK_LEASE_MS);
      return true;
    });
    const deadline = Date.now() + waitMs;
    let pause = 10;
    while (!(await run(() => tryTake.immediate()))) {
      const left = deadline - Date.now();
      if (left <= 0) throw lockTimeoutError(name, waitMs);
      await sleep(Math.min(pause, left));
      pause = Math.min(250, pause * 2);
    }
    const renewStatement = d.prepare("update store_locks set expires_at = ? where name = ? and holder = ?");
    const renew = setInterval(() => {
      run(() => renewStatement.run(Date.now() + LOCK_LEASE_MS, name, holder)).catch(() => {});
    }, LOCK_RENEW_MS);
    renew.unref();
    return async () => {
      clearInterval(renew);
      await run(() =>
        d.prepare("delete from store_locks where name = ? and holder = ?").run(name, holder),
      ).catch(
        // Closed meanwhile: the lease runs out (or the process ends) instead.
        () => {},
      );
    };
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const match = toFts5Query(query.text);
    if (!match) return [];
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    // bm25 weights: a match in the title counts four times one in the body. bm25 is lower-is-better, so the
    // score is its negation. Ranking needs every match, but the rest only the page: the inner query ranks
    // and pages on the full-text index alone (joining `articles` only when a facet filters on it: the join
    // for every match cost as much again as the ranking at 10,000 articles), the outer one reads the page's
    // rows and builds their snippets (from the body, column 1, ~24 tokens) — 3 to 8 times faster at 100k
    // articles than a snippet for every match (bench/store.ts).
    const conditions = articleConditions(query);
    const facets = conditions.length ? sql`join articles a on a.seq = f.rowid` : sql``;
    const ranked = sql`select f.rowid as seq, bm25(articles_fts, 4.0, 1.0) as rank
      from articles_fts f ${facets}
      where articles_fts match ${match} ${whereAll(conditions)}
      order by rank, f.rowid`;
    const result = await sql<{
      id: string;
      title: string;
      outlet: string | null;
      published: string | null;
      source: string;
      snippet: string;
      score: number;
    }>`with page as (${ranked} ${pageClause(this.engine, limit, query.offset)})
      select a.id, a.title, a.outlet, a.published, a.source,
        snippet(articles_fts, 1, '«', '»', '…', 24) as snippet, -page.rank as score
      from page
        join articles_fts on articles_fts.rowid = page.seq
        join articles a on a.seq = page.seq
      where articles_fts match ${match}
      order by page.rank, a.seq`.execute(this.db);
    return result.rows.map((r) => ({ ...r, score: Number(r.score) }));
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Open (creating if missing) the SQLite store at `location` (a file path or ":memory:"), migrated. */
export async function openSqliteStore(location: string): Promise<SqliteStore> {
  const memory = location === ":memory:";
  if (!memory) {
    const folder = dirname(resolve(location));
    if (!existsSync(folder)) {
      throw new WatchdeskError("STORE_FOLDER_MISSING", "the folder for the database does not exist", {
        input: location,
        hint: `create ${folder} first, or point --db at a file in an existing folder`,
      });
    }
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(location);
    // Before anything touches the file, so concurrent openers wait for each other's locks.
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first read of the file: a file that is not SQLite fails here.
    if (!memory) database.pragma("journal_mode = WAL");
  } catch (error) {
    if (database?.open) database.close();
    const folder = dirname(resolve(location));
    const code = String((error as { code?: unknown }).code ?? "");
    if (!memory && /^SQLITE_(CANTOPEN|READONLY)/.test(code) && !writable(folder)) {
      throw readOnlyError(location, error);
    }
    throw new WatchdeskError(
      "STORE_OPEN_FAILED",
      `could not open the SQLite database: ${(error as Error).message}`,
      {
        input: location,
        hint: "check the path and its permissions, and that it is a Watchdesk (SQLite) database",
        cause: error,
      },
    );
  }
  database.pragma("foreign_keys = ON");
  database.pragma("synchronous = NORMAL");
  const store = new SqliteStore(
    new Kysely<StoreDatabase>({
      dialect: new SqliteDialect({ database: guardedDatabase(database, location) }),
    }),
    database,
    location,
  );
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    const failure = sqliteFailure(error, location);
    if (failure !== error) throw failure;
    throw new WatchdeskError(
      "STORE_MIGRATE_FAILED",
      `could not bring the database schema up to date: ${(error as Error).message}`,
      {
        input: location,
        hint: "is this a Watchdesk database? point --db at a new file to start a fresh one",
        cause: error,
      },
    );
  }
  return store;
}

/**
 * The Postgres engine (to scale out): Kysely over a `pg` pool. Full-text search uses the stored tsvector
 * (title weight A, body weight B) with `websearch_to_tsquery`, which accepts any user text without syntax
 * errors, ranks with `ts_rank_cd` and marks snippets with `ts_headline`.
 *
 * A `schema` parameter in the URL (`postgres://host/db?schema=watchdesk`) keeps every table in that schema:
 * it is created if missing and set as the search_path of every pooled connection. Tests use it to isolate
 * each run.
 */
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { WatchdeskError } from "../errors.js";
import {
  DEFAULT_SEARCH_LIMIT,
  KyselyStore,
  articleConditions,
  lockTimeoutError,
  pageClause,
  whereAll,
} from "./kysely-store.js";
import { postgresMigrations } from "./migrations/postgres.js";
import { guardedPool, postgresFailure, safePostgresUrl } from "./pg-errors.js";
import { runMigrations } from "./migrations/runner.js";
import type { StoreDatabase } from "./schema.js";
import type { SearchHit, SearchQuery } from "./types.js";

/** Any fixed number: the advisory lock that serialises migrations run by several workers at once. */
const MIGRATION_LOCK = 727_001;
/** Advisory-lock namespace of `withExclusiveLock`; the second key is a hash of the schema and the lock name. */
const STORE_LOCK_SPACE = 727_003;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface PostgresLocation {
  /** The URL without Watchdesk's own parameters. */
  connectionString: string;
  schema: string | null;
}

/** Split Watchdesk's `schema` parameter from a Postgres URL. */
export function parsePostgresUrl(location: string): PostgresLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch (error) {
    throw new WatchdeskError("BAD_DATABASE_URL", "this is not a valid postgres:// URL", {
      input: location,
      hint: "write it as postgres://user@host:5432/dbname",
      exitCode: 2,
      cause: error,
    });
  }
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new WatchdeskError("BAD_DATABASE_URL", `"${schema}" is not a usable schema name`, {
      input: location,
      hint: "use letters, digits and underscores, starting with a letter",
      exitCode: 2,
    });
  }
  return { connectionString: url.toString(), schema };
}

export class PostgresStore extends KyselyStore {
  readonly engine = "postgres" as const;
  readonly schema: string | null;
  /** Without Watchdesk's own parameters: locks open a session of their own with it. */
  private readonly connectionString: string;

  constructor(db: Kysely<StoreDatabase>, schema: string | null, connectionString: string) {
    super(db);
    this.schema = schema;
    this.connectionString = connectionString;
  }

  /**
   * A session-level advisory lock on a connection of its own, outside the pool: the caller's work keeps every
   * pooled connection, and if this process dies the server ends the session, which lets the lock go. Waiting
   * is the server's (FIFO, no polling), bounded by `lock_timeout`.
   */
  protected async acquireLock(name: string, waitMs: number): Promise<() => Promise<void>> {
    const client = new pg.Client({ connectionString: this.connectionString });
    // A lost connection surfaces on the next query; it must not crash the process meanwhile.
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      throw postgresFailure(error, this.connectionString);
    }
    const key = [STORE_LOCK_SPACE, `${this.schema ?? ""}:${name}`];
    try {
      await client.query(`set lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
      await client.query("select pg_advisory_lock($1, hashtext($2))", key);
    } catch (error) {
      await client.end().catch(() => {});
      // 55P03 lock_not_available: lock_timeout ran out.
      if ((error as { code?: string }).code === "55P03") throw lockTimeoutError(name, waitMs, error);
      throw postgresFailure(error, this.connectionString);
    }
    return async () => {
      try {
        await client.query("select pg_advisory_unlock($1, hashtext($2))", key);
      } catch {
        // The session is gone, and the lock with it.
      } finally {
        await client.end().catch(() => {});
      }
    };
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, postgresMigrations, {
      lock: async (trx) => {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      },
    });
  }

  /** Matches the index `articles_newest` (migration 5). */
  protected newestFirst() {
    return sql`a.published desc nulls last, a.seq`;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (!/[\p{L}\p{N}]/u.test(query.text)) return [];
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    // Rank and page on the sequence number and score alone, then read the page's rows and build their
    // headlines (ts_headline re-parses the body): no body or title is carried through the sort of every match.
    const result = await sql<{
      id: string;
      title: string;
      outlet: string | null;
      published: string | null;
      source: string;
      snippet: string;
      score: number;
    }>`with q as (select websearch_to_tsquery('english', ${query.text}) as query),
      hits as (
        select a.seq, ts_rank_cd(a.tsv, q.query) as score
        from articles a, q
        where a.tsv @@ q.query ${whereAll(articleConditions(query))}
        order by score desc, a.seq
        ${pageClause(this.engine, limit, query.offset)})
      select a.id, a.title, a.outlet, a.published, a.source, h.score,
        ts_headline('english', a.body, q.query,
          'StartSel=«, StopSel=», MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')
          as snippet
      from hits h join articles a on a.seq = h.seq, q
      order by h.score desc, h.seq`.execute(this.db);
    return result.rows.map((r) => ({ ...r, score: Number(r.score) }));
  }
}

/** Open the Postgres store at `location` (a postgres:// URL), migrated. */
export async function openPostgresStore(
  location: string,
  options: { max?: number } = {},
): Promise<PostgresStore> {
  const { connectionString, schema } = parsePostgresUrl(location);
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reports the error.
  pool.on("error", () => {});
  if (schema) {
    pool.on("connect", (client) => {
      client.query(`set search_path to "${schema}"`).catch(() => {});
    });
  }
  const store = new PostgresStore(
    new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool: guardedPool(pool, location) }) }),
    schema,
    connectionString,
  );
  try {
    if (schema) {
      // Serialised like migrations: concurrent `create schema if not exists` can still collide in Postgres.
      await store.kysely.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
        await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
      });
    }
    await store.migrate();
  } catch (error) {
    await store.close();
    // A failure the user can act on (a read-only server, missing rights, a server that is down) as it is.
    if (error instanceof WatchdeskError && error.code.startsWith("STORE_")) throw error;
    const safe = safePostgresUrl(location);
    throw new WatchdeskError(
      "STORE_OPEN_FAILED",
      `could not open the Postgres database: ${(error as Error).message}`,
      {
        input: safe,
        hint: "check that the server is running, the database exists and the user may create tables",
        cause: error,
      },
    );
  }
  return store;
}

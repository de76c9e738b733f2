/**
 * The store: where analyzed articles, stories, the ledger, the sanctions list and ingest problems are kept.
 * One `Store` interface, two engines (SQLite by default, Postgres to scale out), one contract suite.
 */
export type {
  ArticleQuery,
  ArticleSummary,
  ClaimQuery,
  EntityQuery,
  EntitySummary,
  LockOptions,
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
} from "./types.js";
export { type CopyProgress, type CopyReport, copyStore } from "./copy.js";
export { toFts5Query } from "./fts-query.js";
export { KyselyStore } from "./kysely-store.js";
export { openPostgresStore, PostgresStore, isPostgresUrl } from "./postgres.js";
export { openSqliteStore, SqliteStore } from "./sqlite.js";

import { isPostgresUrl, openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./types.js";

/**
 * ":memory:" or a file path → SQLite (created if missing; its folder must exist); "postgres://…" or
 * "postgresql://…" → Postgres (a `?schema=name` parameter keeps the store in that schema). Migrated and ready.
 */
export async function openStore(location: string): Promise<Store> {
  return isPostgresUrl(location) ? openPostgresStore(location) : openSqliteStore(location);
}

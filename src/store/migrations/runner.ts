/**
 * Versioned migrations, kept in code. Each engine has its own ordered list (the SQL differs: FTS5 against
 * tsvector, TEXT against JSONB) but the same versions mean the same tables. Applied versions are recorded in
 * `schema_migrations`; every migration runs in its own transaction, so a failure leaves the schema at the
 * previous version.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { StoreDatabase } from "../schema.js";

export const MIGRATIONS_TABLE = `create table if not exists schema_migrations (
  version integer primary key, name text not null, applied_at text not null)`;

export interface Migration {
  version: number;
  name: string;
  /** One statement per entry (SQLite prepares statements one at a time). */
  statements: string[];
}

export interface MigrationOptions {
  /** Run first inside every migration transaction, e.g. to serialise concurrent migrators with a lock. */
  lock?: (trx: Transaction<StoreDatabase>) => Promise<void>;
}

/** Apply every migration not yet applied, in version order. Returns the versions applied now. */
export async function runMigrations(
  db: Kysely<StoreDatabase>,
  migrations: readonly Migration[],
  options: MigrationOptions = {},
): Promise<number[]> {
  await db.transaction().execute(async (trx) => {
    await options.lock?.(trx);
    await sql.raw(MIGRATIONS_TABLE).execute(trx);
  });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction().execute(async (trx) => {
      await options.lock?.(trx);
      // Checked inside the transaction (after the lock): another process may have applied it meanwhile.
      const done = await trx
        .selectFrom("schema_migrations")
        .select("version")
        .where("version", "=", migration.version)
        .executeTakeFirst();
      if (done) return;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await trx
        .insertInto("schema_migrations")
        .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(migration.version);
    });
  }
  return applied;
}

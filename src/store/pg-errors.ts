/**
 * The Postgres failures a user can do something about, as errors that name the database (its URL without the
 * password) and say what to do, as sqlite.ts does for SQLite: a full disk, a server that accepts no writes,
 * a user without the rights, a server that is down or refuses more connections. Every other error (unique
 * violations, lock timeouts, serialisation failures the store handles itself) is returned as it is.
 *
 * By SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html) and, for a server that cannot
 * be reached at all, by the socket error `pg` passes on.
 */
import type pg from "pg";
import { WatchdeskError } from "../errors.js";

/** The URL with any user and password replaced by "…", for messages and logs. */
export function safePostgresUrl(location: string): string {
  return location.replace(/\/\/[^@/]*@/, "//…@");
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

export function postgresFailure(error: unknown, location: string): unknown {
  if (error instanceof WatchdeskError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") {
    // pg's own message when the server goes away mid-session carries no code.
    if (error instanceof Error && /Connection terminated/i.test(error.message))
      return unavailable(location, error);
    return error;
  }
  const input = safePostgresUrl(location);
  switch (code) {
    case "53100": // disk_full
      return new WatchdeskError("STORE_DISK_FULL", "the disk holding the Postgres database is full", {
        input,
        hint: "free some space on the database server's disk (or ask its administrator to), then run the same command again: everything already stored is kept, and a re-run stores only what is missing",
        cause: error,
      });
    case "25006": // read_only_sql_transaction: a standby, or default_transaction_read_only
      return new WatchdeskError(
        "STORE_READ_ONLY",
        "the Postgres server accepts no writes here (a read-only standby, or read-only transactions by default)",
        {
          input,
          hint: "point --db (or WATCHDESK_DATABASE_URL) at the primary server, or ask its administrator to allow writes for this user",
          cause: error,
        },
      );
    case "42501": // insufficient_privilege
      return new WatchdeskError(
        "STORE_PERMISSION_DENIED",
        `the Postgres user may not do this: ${(error as Error).message}`,
        {
          input,
          hint: "grant the user the rights to create and write tables in this database (or schema), or connect as the owner",
          cause: error,
        },
      );
    case "53300": // too_many_connections
      return new WatchdeskError("STORE_UNAVAILABLE", "the Postgres server refuses more connections", {
        input,
        hint: "run fewer workers at once, or raise the server's max_connections, then run the same command again",
        cause: error,
      });
    case "57P01": // admin_shutdown
    case "57P02": // crash_shutdown
    case "57P03": // cannot_connect_now (starting up, shutting down)
      return unavailable(location, error);
  }
  if (code.startsWith("08") || UNREACHABLE.has(code)) return unavailable(location, error);
  return error;
}

function unavailable(location: string, cause: unknown): WatchdeskError {
  return new WatchdeskError("STORE_UNAVAILABLE", "the Postgres server cannot be reached, or went away", {
    input: safePostgresUrl(location),
    hint: "check that the server is running and reachable from here, then run the same command again: everything already stored is kept",
    cause,
  });
}

/**
 * The pool as Kysely's PostgresDialect uses it, with every promised query's failure passed through
 * `postgresFailure` (Kysely has no hook for driver errors). Cursors (streamed queries) pass as they are.
 */
export function guardedPool(pool: pg.Pool, location: string): pg.Pool {
  const connect = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw postgresFailure(error, location);
    }
    return new Proxy(client, {
      get(target, key, receiver) {
        if (key !== "query") return Reflect.get(target, key, receiver);
        return (...args: unknown[]) => {
          const result = (target.query as (...a: unknown[]) => unknown)(...args);
          if (
            result &&
            typeof (result as Promise<unknown>).then === "function" &&
            typeof args[0] !== "object"
          )
            return (result as Promise<unknown>).catch((error: unknown) => {
              throw postgresFailure(error, location);
            });
          return result;
        };
      },
    });
  };
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key === "connect") return connect;
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * A read cache in front of the store, for the server. The use cases for stories, the ledger and the
 * dashboard read whole corpus-level records (every story, every duplicate link, the whole ledger, the
 * article summaries) on each call; for a desk that answers many requests between two ingests, reading them
 * once and keeping them until the data changes turns a story page from hundreds of milliseconds at 10,000
 * articles into a few (see bench/api.ts).
 *
 * It is a Proxy around any `Store`: the listed reads are memoised, other reads pass through, and every write
 * made through it drops what is cached. Writes by other processes (a `watchdesk ingest` while
 * the desk runs) are noticed through `changed()`: SQLite's `PRAGMA data_version`, which changes whenever
 * another connection commits; engines without such a signal fall back to a short maximum age.
 *
 * Cached values are deep-frozen: a use case that tried to change one would throw instead of silently
 * changing what the next request sees.
 */
import type { Store } from "../store/types.js";

/** Reads that return corpus-wide records and are worth keeping between requests. */
const CACHED = new Set<string>([
  "getLedger",
  "listStories",
  "listDuplicates",
  "listArticles",
  "listStoryDecisions",
]);

/**
 * Methods that only read (or manage the connection): passed straight through. Every other method is taken
 * as a write — after it, everything cached is dropped — so a write method added to the Store later is safe
 * by default.
 */
const PASS_THROUGH = new Set<string>([
  "hasArticle",
  "getArticle",
  "countArticles",
  "iterateArticles",
  "search",
  "listClaims",
  "listAttributions",
  "listEntities",
  "getEntityOccurrences",
  "getStory",
  "getSanctionsList",
  "listProblems",
  "getToken",
  "listTokens",
  "close",
  "withExclusiveLock",
]);

export interface ReadCacheOptions {
  /** A value that changes when another process commits; null when the engine gives none. */
  externalVersion?: (() => string) | null;
  /** Without an external version, cached values are re-read after this long (ms). Default 5 s. */
  maxAgeMs?: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  invalidations: number;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** SQLite's commit counter for other connections, when the store is SQLite; otherwise null. */
export function sqliteDataVersion(store: Store): (() => string) | null {
  const database = (store as { database?: { pragma(q: string, o: { simple: true }): unknown } }).database;
  if (store.engine !== "sqlite" || !database) return null;
  return () => String(database.pragma("data_version", { simple: true }));
}

export function withReadCache(
  store: Store,
  options: ReadCacheOptions = {},
): { store: Store; invalidate(): void; stats: CacheStats } {
  const maxAgeMs = options.maxAgeMs ?? 5000;
  const external = options.externalVersion ?? null;
  const entries = new Map<string, { value: Promise<unknown>; at: number }>();
  const stats: CacheStats = { hits: 0, misses: 0, invalidations: 0 };
  let generation = 0;
  let seenVersion = external?.() ?? "";

  const invalidate = () => {
    generation += 1;
    entries.clear();
    stats.invalidations += 1;
  };

  /** Drop everything when another process has committed since the last look. */
  const freshen = () => {
    if (!external) return;
    const now = external();
    if (now !== seenVersion) {
      seenVersion = now;
      invalidate();
    }
  };

  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || typeof value !== "function") return value;
      if (CACHED.has(property)) {
        return (...args: unknown[]) => {
          freshen();
          const key = `${property}:${JSON.stringify(args)}`;
          const hit = entries.get(key);
          if (hit && (external || Date.now() - hit.at < maxAgeMs)) {
            stats.hits += 1;
            return hit.value;
          }
          stats.misses += 1;
          const started = generation;
          const pending = (value.apply(target, args) as Promise<unknown>).then(deepFreeze);
          entries.set(key, { value: pending, at: Date.now() });
          // A read that fails, or that a write overtook, is not kept.
          pending.then(
            () => {
              if (generation !== started && entries.get(key)?.value === pending) entries.delete(key);
            },
            () => {
              if (entries.get(key)?.value === pending) entries.delete(key);
            },
          );
          return pending;
        };
      }
      if (!PASS_THROUGH.has(property)) {
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } finally {
            invalidate();
            // Our own commits move SQLite's data_version too on some builds: take it as seen.
            if (external) seenVersion = external();
          }
        };
      }
      return value.bind(target);
    },
  });
  return { store: proxy, invalidate, stats };
}

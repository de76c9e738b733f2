/**
 * A read cache in front of the store, for the server. The use cases for stories, the ledger and the
 * dashboard read whole corpus-level records (every story, every duplicate link, the whole ledger, the
 * article summaries) on each call; for a desk that answers many requests between two ingests, reading them
 * once and keeping them until the data changes turns a story page from hundreds of milliseconds at 10,000
 * articles into a few (see bench/api.ts). Searches, entity profiles and pages of articles and claims are
 * kept the same way, within bounds (see CACHED): a broad search ranks thousands of matches, an entity named
 * in half the corpus sums thousands of occurrences, and the same ones are asked for again and again.
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

/**
 * Reads worth keeping between requests, each with its bounds: at most `entries` results, holding at most
 * `weight` items in all (an array weighs its length, anything else 1). The least recently used results go
 * first; a result heavier than the whole budget is handed back without being kept (a full export of every
 * claim, say), so memory stays bounded whatever a client asks for.
 *
 * The corpus-wide records (the ledger, the stories, the duplicate links, every article summary) are what
 * story pages, lists and the dashboard are built from; the parameterised reads (a search, a page of
 * articles or of claims, an entity's profile and pages) are what one page view asks for, and what the next
 * visitor, or the same one paging back, asks for again.
 */
const CACHED = new Map<string, { entries: number; weight: number }>([
  ["getLedger", { entries: 1, weight: Number.POSITIVE_INFINITY }],
  ["listStories", { entries: 1, weight: Number.POSITIVE_INFINITY }],
  ["listDuplicates", { entries: 1, weight: Number.POSITIVE_INFINITY }],
  ["listStoryDecisions", { entries: 1, weight: Number.POSITIVE_INFINITY }],
  ["countArticles", { entries: 1, weight: 1 }],
  ["listOutlets", { entries: 1, weight: Number.POSITIVE_INFINITY }],
  ["getSanctionsList", { entries: 1, weight: 1 }],
  // Every summary (the story list and the search form's outlets need them all), story members, list pages.
  ["listArticles", { entries: 2000, weight: 150_000 }],
  ["search", { entries: 500, weight: 20_000 }],
  ["listEntities", { entries: 200, weight: 20_000 }],
  ["getEntityProfile", { entries: 1000, weight: 1000 }],
  ["getEntityOccurrences", { entries: 500, weight: 20_000 }],
  ["listClaims", { entries: 500, weight: 20_000 }],
  ["countClaims", { entries: 2000, weight: 2000 }],
  // One story's members, one whole article (a few kilobytes each): what story and article pages open.
  ["getStory", { entries: 2000, weight: 2000 }],
  ["getArticle", { entries: 500, weight: 500 }],
]);

/**
 * Methods that only read (or manage the connection): passed straight through. Every other method is taken
 * as a write — after it, everything cached is dropped — so a write method added to the Store later is safe
 * by default.
 */
const PASS_THROUGH = new Set<string>([
  "hasArticle",
  "iterateArticles",
  "listAttributions",
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
  /** Other bounds for some of the cached reads (see CACHED). */
  bounds?: Record<string, { entries: number; weight: number }>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  /** Results dropped to stay within a method's bounds, or never kept for being heavier than them. */
  evictions: number;
}

function weightOf(value: unknown): number {
  return Array.isArray(value) ? Math.max(1, value.length) : 1;
}

/** One method's results, least recently used first (a Map keeps insertion order). */
class Shelf {
  private readonly items = new Map<string, { value: Promise<unknown>; at: number; weight: number }>();
  private weight = 0;

  constructor(
    private readonly bounds: { entries: number; weight: number },
    private readonly stats: CacheStats,
  ) {}

  get(key: string) {
    const item = this.items.get(key);
    if (item) {
      this.items.delete(key);
      this.items.set(key, item);
    }
    return item;
  }

  /** Keep a pending read (weight 1 until it settles). */
  set(key: string, value: Promise<unknown>): void {
    this.delete(key);
    this.items.set(key, { value, at: Date.now(), weight: 1 });
    this.weight += 1;
    this.trim();
  }

  /** The read behind `value` settled with `result`: weigh it, and drop it if it cannot be kept. */
  settle(key: string, value: Promise<unknown>, result: unknown): void {
    const item = this.items.get(key);
    if (item?.value !== value) return;
    const weight = weightOf(result);
    if (weight > this.bounds.weight) {
      this.delete(key);
      this.stats.evictions += 1;
      return;
    }
    this.weight += weight - item.weight;
    item.weight = weight;
    this.trim();
  }

  delete(key: string, value?: Promise<unknown>): void {
    const item = this.items.get(key);
    if (!item || (value && item.value !== value)) return;
    this.items.delete(key);
    this.weight -= item.weight;
  }

  private trim(): void {
    for (const [key] of this.items) {
      if (this.items.size <= this.bounds.entries && this.weight <= this.bounds.weight) return;
      this.delete(key);
      this.stats.evictions += 1;
    }
  }
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
  const stats: CacheStats = { hits: 0, misses: 0, invalidations: 0, evictions: 0 };
  const shelves = new Map<string, Shelf>();
  const shelf = (method: string) => {
    let found = shelves.get(method);
    if (!found) {
      found = new Shelf(options.bounds?.[method] ?? CACHED.get(method)!, stats);
      shelves.set(method, found);
    }
    return found;
  };
  let generation = 0;
  let seenVersion = external?.() ?? "";

  const invalidate = () => {
    generation += 1;
    shelves.clear();
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
          const key = JSON.stringify(args);
          const hit = shelf(property).get(key);
          if (hit && (external || Date.now() - hit.at < maxAgeMs)) {
            stats.hits += 1;
            return hit.value;
          }
          stats.misses += 1;
          const started = generation;
          const pending = (value.apply(target, args) as Promise<unknown>).then(deepFreeze);
          const kept = shelf(property);
          kept.set(key, pending);
          // A read that fails, or that a write overtook, is not kept.
          pending.then(
            (result) => {
              if (generation !== started) kept.delete(key, pending);
              else kept.settle(key, pending, result);
            },
            () => kept.delete(key, pending),
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

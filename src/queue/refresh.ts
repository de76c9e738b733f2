/**
 * Corpus refreshes (stories, duplicates, ledger) when several processes write one store at once.
 *
 * A refresh reads every stored article and replaces the corpus results as a whole. Two refreshes that
 * overlap can finish in either order, so without care an older one (that read fewer articles) may overwrite a
 * newer one. Here every refresh runs under the store-wide lock CORPUS_REFRESH_LOCK and reads only once it holds
 * it: refreshes run one after the other, each reads everything committed before it started, and as every
 * writer refreshes after its last commit, the last refresh to run has read every committed article.
 *
 * On Postgres the queue also records what the last refresh saw (articles and story decisions, counted before
 * it read them; articles are never deleted, so equal counts mean nothing new): a worker whose articles an
 * earlier refresh already covered skips its own, so N workers finishing together cost one refresh, not N.
 */
import { sql } from "kysely";
import type { PostgresStore } from "../store/postgres.js";
import type { LockOptions, Store } from "../store/types.js";

export const CORPUS_REFRESH_LOCK = "corpus-refresh";

/** Run `refresh` under the corpus lock (for any store and any caller that writes articles). */
export function refreshExclusively<T>(
  store: Store,
  refresh: (store: Store) => Promise<T>,
  options?: LockOptions,
): Promise<T> {
  return store.withExclusiveLock(CORPUS_REFRESH_LOCK, () => refresh(store), options);
}

export interface RefreshOutcome<T> {
  /** False when the last refresh had already seen every article and decision: nothing was recomputed. */
  ran: boolean;
  result: T | null;
  /** Articles the store held when this refresh (or the one it relied on) started. */
  articles: number;
}

async function counts(store: PostgresStore): Promise<{ articles: number; decisions: number }> {
  const result = await sql<{ articles: string; decisions: string }>`select
    (select count(*) from articles) as articles, (select count(*) from story_decisions) as decisions`.execute(
    store.kysely,
  );
  const row = result.rows[0]!;
  return { articles: Number(row.articles), decisions: Number(row.decisions) };
}

/** `refreshExclusively`, skipped when the last recorded refresh already saw everything stored (queue tables). */
export async function refreshIfBehind<T>(
  store: PostgresStore,
  refresh: (store: Store) => Promise<T>,
  options?: LockOptions,
): Promise<RefreshOutcome<T>> {
  return store.withExclusiveLock(
    CORPUS_REFRESH_LOCK,
    async () => {
      const now = await counts(store);
      const last = await sql<{
        article_count: string;
        decision_count: string;
      }>`select article_count, decision_count from queue_refreshes where id = 1`.execute(store.kysely);
      const seen = last.rows[0];
      if (
        seen &&
        Number(seen.article_count) === now.articles &&
        Number(seen.decision_count) === now.decisions
      ) {
        return { ran: false, result: null, articles: now.articles };
      }
      const result = await refresh(store);
      await sql`insert into queue_refreshes (id, article_count, decision_count, refreshed_at)
        values (1, ${now.articles}, ${now.decisions}, now())
        on conflict (id) do update set article_count = excluded.article_count,
          decision_count = excluded.decision_count, refreshed_at = excluded.refreshed_at`.execute(
        store.kysely,
      );
      return { ran: true, result, articles: now.articles };
    },
    options,
  );
}

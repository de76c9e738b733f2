/**
 * What the use cases that store articles (ingest, uploads) need to stay right when processes crash or run at
 * once: the corpus refresh under the store-wide lock, a check that tells whether an earlier refresh was cut
 * off, and which errors mean the store itself cannot take writes.
 */
import { isWatchdeskError, type WatchdeskError } from "../errors.js";
import { refreshExclusively } from "../queue/refresh.js";
import type { Store } from "../store/types.js";
import type { IngestProblem } from "../types.js";
import { type CorpusSummary, refreshCorpus } from "./corpus.js";

/**
 * refreshCorpus under the corpus lock: two processes that store into one file refresh one after the other,
 * each reading everything committed before it starts, so an older refresh never overwrites a newer one.
 */
export function refreshAfterWrites(store: Store): Promise<CorpusSummary> {
  return refreshExclusively(store, refreshCorpus);
}

/**
 * True when the stored stories or ledger miss stored articles: the last refresh was cut off (killed, or the
 * disk filled) after its articles were committed, and a re-run that stores nothing new must refresh anyway.
 * Every article belongs to one story and every stored claim is evidence in the ledger, so either count below
 * the articles' means the refresh did not finish. (Were that ever not so, this errs towards refreshing.)
 */
export async function corpusBehind(store: Store): Promise<boolean> {
  const articles = await store.listArticles();
  if (articles.length === 0) return false;
  const inStories = new Set((await store.listStories()).flatMap((s) => s.articleIds));
  if (articles.some((a) => !inStories.has(a.id))) return true;
  const claims = articles.reduce((n, a) => n + a.claimCount, 0);
  const evidence = (await store.getLedger()).claims.reduce((n, c) => n + c.evidence.length, 0);
  return evidence < claims;
}

/** Store failures that are not about the input: no document can be written while they last. */
const STORE_DOWN = new Set([
  "STORE_DISK_FULL",
  "STORE_READ_ONLY",
  "STORE_PERMISSION_DENIED",
  "STORE_UNAVAILABLE",
]);

/**
 * The store cannot take writes at all (a full disk, a read-only file or server, no rights, a server that went
 * away): stop the batch, it is not the input.
 */
export function isStoreUnavailable(error: unknown): error is WatchdeskError {
  return isWatchdeskError(error) && STORE_DOWN.has(error.code);
}

/**
 * The problem to record for a document that could not be analysed or stored: a problem the stages name
 * themselves (a text too long to analyse) keeps its code and hint. `rename` rewrites paths in messages (an
 * upload's temporary file becomes the uploaded name).
 */
export function analyzeProblem(
  source: string,
  error: unknown,
  rename: (message: string) => string = (m) => m,
): IngestProblem {
  if (isWatchdeskError(error))
    return { source, code: error.code, message: rename(error.message), hint: error.hint };
  return {
    source,
    code: "ANALYZE_FAILED",
    message: `could not analyze or store this document: ${error instanceof Error ? rename(error.message) : String(error)}`,
    hint: "the rest of the batch was stored; report this input if it looks like an ordinary article",
  };
}

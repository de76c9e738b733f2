/**
 * A queue worker: claim a batch, analyze its documents, store them and finish their jobs in one transaction,
 * retry failures later, bury documents that keep failing. Several workers (processes or machines) can run
 * against one queue; `concurrency` is the number of batches in flight in this process (it overlaps database
 * round-trips; analysis itself is CPU-bound, so start more processes to use more cores).
 */
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { PutResult, Store } from "../store/types.js";
import type { AnalyzedArticle, RawDocument } from "../types.js";
import { WatchdeskError } from "../errors.js";
import { DEFAULT_LEASE_MS, DEFAULT_RETRY_DELAY_MS, type Job, WorkQueue } from "./queue.js";
import { refreshIfBehind } from "./refresh.js";

/** While documents keep coming, stories and the ledger are recomputed at least this often (ms). */
export const DEFAULT_REFRESH_EVERY_MS = 5 * 60_000;

export interface WorkerOptions {
  /** postgres:// URL of the store (and its queue). */
  url: string;
  concurrency?: number;
  /** Jobs claimed at a time by each loop. */
  batchSize?: number;
  leaseMs?: number;
  retryDelayMs?: number;
  /** How long to wait when the queue is empty before looking again. */
  pollMs?: number;
  /** Stop once no job can be claimed (instead of waiting for more). */
  untilEmpty?: boolean;
  signal?: AbortSignal;
  /** The per-document analysis; `analyze` from src/pipeline.ts unless replaced (tests). */
  analyze?: (raw: RawDocument) => AnalyzedArticle | Promise<AnalyzedArticle>;
  onEvent?: (event: WorkerEvent) => void;
  /** Give up (throw QUEUE_UNAVAILABLE) after this many queue failures in a row (default 10, with backoff). */
  maxConsecutiveErrors?: number;
  /** Names this worker in the queue's lease column; host:pid by default. */
  workerId?: string;
  /**
   * Recompute the corpus (stories, ledger) from the store: `refreshCorpus` from src/app in the CLI. Run under
   * the store's corpus lock (src/queue/refresh.ts) after this worker stored new articles: when it finds the
   * queue empty, every `refreshEveryMs` while busy, and once at the end with `untilEmpty`. Skipped when the
   * last refresh (by any worker) already saw every article.
   */
  refresh?: (store: Store) => Promise<unknown>;
  refreshEveryMs?: number;
}

export type WorkerEvent =
  | { type: "stored"; source: string; articleId: string; inserted: boolean }
  | { type: "retry"; source: string; attempt: number; error: string }
  | { type: "dead"; source: string; attempt: number; error: string }
  | { type: "lost-lease"; source: string }
  | { type: "error"; error: string; consecutive: number }
  /** ran=false: the last refresh had already seen all `articles`. */
  | { type: "refreshed"; ran: boolean; articles: number; result: unknown }
  | { type: "refresh-failed"; error: string };

export interface WorkerReport {
  processed: number;
  inserted: number;
  unchanged: number;
  retried: number;
  dead: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runWorker(options: WorkerOptions): Promise<WorkerReport> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 10));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const pollMs = options.pollMs ?? 1_000;
  // Loaded on demand: the pipeline pulls in every stage, which a worker given its own analysis never needs.
  const analyze = options.analyze ?? (await import("../pipeline.js")).analyze;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const report: WorkerReport = { processed: 0, inserted: 0, unchanged: 0, retried: 0, dead: 0 };
  const queue = await WorkQueue.open(options.url, { max: concurrency + 1 });

  // Stories and the ledger: recomputed after this process stored new articles, one refresh at a time here
  // and, through the store's lock, across every worker.
  const refreshEveryMs = options.refreshEveryMs ?? DEFAULT_REFRESH_EVERY_MS;
  let dirty = false;
  let lastRefresh = Date.now();
  let refreshing: Promise<void> | null = null;
  // After a failed refresh (not a lock taken elsewhere), wait a while before the next try.
  let failedAt = Number.NEGATIVE_INFINITY;
  /**
   * "idle" (the queue ran dry) and "busy" (due while documents keep coming) give way when another worker holds
   * the corpus lock: this one stays dirty, goes back to the queue and tries again on its next round, so a long
   * refresh elsewhere never stalls it. "final" (the end of --until-empty) waits for its turn.
   */
  const refreshCorpus = (mode: "idle" | "busy" | "final"): Promise<void> => {
    const refresh = options.refresh;
    const giveWay = mode !== "final";
    if (!refresh || (giveWay && !dirty)) return Promise.resolve();
    if (giveWay && Date.now() - failedAt < Math.min(refreshEveryMs, 60_000)) return Promise.resolve();
    if (refreshing) return giveWay ? Promise.resolve() : refreshing;
    dirty = false;
    refreshing = refreshIfBehind(queue.store, refresh, giveWay ? { waitMs: 1 } : {})
      .then(
        (outcome) => {
          lastRefresh = Date.now();
          options.onEvent?.({
            type: "refreshed",
            ran: outcome.ran,
            articles: outcome.articles,
            result: outcome.result,
          });
        },
        (error) => {
          dirty = true;
          // Someone else is refreshing: this worker goes back to its queue and tries again later.
          if (giveWay && (error as { code?: string }).code === "STORE_LOCK_TIMEOUT") return;
          lastRefresh = failedAt = Date.now();
          options.onEvent?.({ type: "refresh-failed", error: messageOf(error) });
        },
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  const stored = (job: Job, put: PutResult | null) => {
    if (!put) {
      options.onEvent?.({ type: "lost-lease", source: job.source });
      return;
    }
    report.processed++;
    if (put.inserted) {
      report.inserted++;
      dirty = true;
    } else report.unchanged++;
    options.onEvent?.({ type: "stored", source: job.source, articleId: put.id, inserted: put.inserted });
  };

  const failed = async (job: Job, loopId: string, error: unknown) => {
    const message = messageOf(error);
    const outcome = await queue.fail(job, loopId, message, retryDelayMs);
    if (outcome === "dead") report.dead++;
    else report.retried++;
    options.onEvent?.({ type: outcome, source: job.source, attempt: job.attempt, error: message });
  };

  /**
   * Analyze the whole batch, then store it in one transaction (one commit instead of one per document).
   * If that transaction fails, each document is stored on its own so one bad record cannot sink the rest.
   */
  const handleBatch = async (jobs: Job[], loopId: string) => {
    const analyzed: { job: Job; doc: AnalyzedArticle }[] = [];
    for (const job of jobs) {
      // Once asked to stop, leave the rest of the batch: its leases run out and another worker takes it.
      if (options.signal?.aborted) break;
      try {
        analyzed.push({ job, doc: await analyze(job.document) });
      } catch (error) {
        await failed(job, loopId, error);
      }
    }
    try {
      const results = await queue.completeBatch(analyzed, loopId);
      for (const [i, item] of analyzed.entries()) stored(item.job, results[i] ?? null);
    } catch {
      for (const item of analyzed) {
        try {
          stored(item.job, await queue.complete(item.job, loopId, item.doc));
        } catch (error) {
          await failed(item.job, loopId, error);
        }
      }
    }
  };

  const maxErrors = options.maxConsecutiveErrors ?? 10;
  const loop = async (n: number) => {
    const loopId = `${workerId}#${n}`;
    let errors = 0;
    while (!options.signal?.aborted) {
      let jobs: Job[];
      try {
        jobs = await queue.claim(loopId, batchSize, leaseMs);
        if (jobs.length === 0 && options.untilEmpty) {
          const status = await queue.status();
          // Jobs waiting for a retry (or leased by a worker that may die) are not "empty" yet.
          if (status.pending === 0 && status.active === 0) return;
        }
        if (jobs.length > 0) {
          await handleBatch(jobs, loopId);
          if (Date.now() - lastRefresh >= refreshEveryMs) await refreshCorpus("busy");
        } else if (!options.signal?.aborted) await refreshCorpus("idle");
        errors = 0;
      } catch (error) {
        // The database went away (restart, failover, network): wait longer each time, give up after a while.
        errors++;
        options.onEvent?.({ type: "error", error: messageOf(error), consecutive: errors });
        if (errors >= maxErrors) {
          throw new WatchdeskError(
            "QUEUE_UNAVAILABLE",
            `the queue failed ${errors} times in a row: ${messageOf(error)}`,
            {
              input: options.url.replace(/\/\/[^@/]*@/, "//…@"),
              hint: "check that Postgres is up and reachable; jobs claimed by this worker go back to the queue when their lease ends",
              cause: error,
            },
          );
        }
        await sleep(Math.min(30_000, pollMs * 2 ** errors), undefined, { signal: options.signal }).catch(
          () => {},
        );
        continue;
      }
      if (jobs.length === 0) await sleep(pollMs, undefined, { signal: options.signal }).catch(() => {});
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i + 1)));
    // Forced: also catches articles a killed worker stored but never refreshed for.
    if (options.untilEmpty && !options.signal?.aborted) await refreshCorpus("final");
  } finally {
    await queue.close();
  }
  return report;
}

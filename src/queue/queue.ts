/**
 * A work queue on Postgres for scaling ingest out over several worker processes or machines.
 *
 * Why a table queue and not pg-boss: the job's completion is written in the SAME transaction as the
 * article (see `WorkQueue.complete`), so a job is done if and only if its article is stored — the effect is
 * exactly once even when a worker is killed between the two. pg-boss completes jobs on its own connection,
 * which leaves that window open (idempotent writes would still make it safe, but the queue's own counts
 * would be wrong), and it adds a second schema and maintenance timers to every CLI process.
 *
 * Claiming is `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`: workers never wait on each other
 * and never take the same job. A claimed job holds a lease; if its worker dies the lease runs out and the
 * job is claimed again. A job that fails (or whose worker dies) `maxAttempts` times goes to the dead letters
 * (state `dead`) with its last error, and is recorded as an ingest problem in the store.
 */
import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { WatchdeskError } from "../errors.js";
import { runMigrations } from "../store/migrations/runner.js";
import { isPostgresUrl, openPostgresStore, type PostgresStore } from "../store/postgres.js";
import { chunks, entityTotals, storedArticle } from "../store/rows.js";
import type { StoreDatabase } from "../store/schema.js";
import type { PutResult, StoredArticle } from "../store/types.js";
import type { AnalyzedArticle, RawDocument } from "../types.js";
import { queueMigrations } from "./migrations.js";

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_LEASE_MS = 60_000;
/** Waits before a failed job is tried again: attempt n waits n² × this (1 s, 4 s, 9 s…). */
export const DEFAULT_RETRY_DELAY_MS = 1_000;
const QUEUE_LOCK = 727_002;

export interface Job {
  id: number;
  source: string;
  document: RawDocument;
  /** The article's place in ingest order, taken when the document was queued (null for older jobs). */
  articleSeq: number | null;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

export interface QueueStatus {
  pending: number;
  active: number;
  done: number;
  dead: number;
}

export interface DeadLetter {
  id: number;
  source: string;
  attempts: number;
  error: string | null;
}

export interface EnqueueResult {
  /** Newly queued documents. */
  queued: number;
  /** Documents already in the queue (same source and content): not queued twice. */
  alreadyQueued: number;
}

export function requirePostgresUrl(url: string): void {
  if (!isPostgresUrl(url)) {
    throw new WatchdeskError("QUEUE_NEEDS_POSTGRES", "the work queue lives in Postgres", {
      input: url,
      hint: "pass --db postgres://user@host/dbname (or set WATCHDESK_DATABASE_URL); a SQLite store has no queue",
      exitCode: 2,
    });
  }
}

/** A later copy of one of the batch's articles was committed while the batch was being stored. */
class Overtaken extends Error {}

function dedupeKey(doc: RawDocument): string {
  return createHash("sha256").update(doc.source).update("\0").update(doc.content).digest("hex");
}

export class WorkQueue {
  readonly store: PostgresStore;

  private constructor(store: PostgresStore) {
    this.store = store;
  }

  /** Open the queue (and the store it fills) at a postgres:// URL, creating its table if needed. */
  static async open(url: string, options: { max?: number } = {}): Promise<WorkQueue> {
    requirePostgresUrl(url);
    const store = await openPostgresStore(url, options);
    try {
      await runMigrations(store.kysely, queueMigrations, {
        lock: async (trx) => {
          await sql`select pg_advisory_xact_lock(${QUEUE_LOCK})`.execute(trx);
        },
      });
    } catch (error) {
      await store.close();
      throw error;
    }
    return new WorkQueue(store);
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /** Queue documents; the same document (same source and content) is never queued twice. */
  async enqueue(
    docs: Iterable<RawDocument> | AsyncIterable<RawDocument>,
    options: { maxAttempts?: number } = {},
  ): Promise<EnqueueResult> {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    let queued = 0;
    let total = 0;
    let batch: RawDocument[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch.map((doc) => ({
        dedupe_key: dedupeKey(doc),
        source: doc.source,
        payload: JSON.stringify(doc),
        max_attempts: maxAttempts,
      }));
      // Each document takes its article's place in ingest order now, from the articles' own sequence: the
      // store then keeps queue order (as a one-process ingest keeps input order) however workers interleave.
      const result = await sql<{
        id: number;
      }>`insert into queue_jobs (dedupe_key, source, payload, max_attempts, article_seq)
        select v.dedupe_key, v.source, v.payload, v.max_attempts,
          nextval(pg_get_serial_sequence('articles', 'seq'))
        from (values ${sql.join(rows.map((r, i) => sql`(${i}::integer, ${r.dedupe_key}::text, ${r.source}::text, ${r.payload}::jsonb, ${r.max_attempts}::integer)`))})
          as v(n, dedupe_key, source, payload, max_attempts)
        order by v.n
        on conflict (dedupe_key) do nothing returning id`.execute(this.store.kysely);
      queued += result.rows.length;
      batch = [];
    };
    for await (const doc of docs) {
      batch.push(doc);
      total++;
      if (batch.length >= 200) await flush();
    }
    await flush();
    return { queued, alreadyQueued: total - queued };
  }

  /**
   * Claim up to `limit` jobs for `workerId`: ready pending jobs, and active jobs whose lease ran out (their
   * worker died). Jobs that already used every attempt are moved to the dead letters instead of returned.
   */
  async claim(workerId: string, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<Job[]> {
    const result = await sql<{
      id: number | string;
      source: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
      article_seq: number | string | null;
    }>`update queue_jobs j
      set state = 'active', attempts = j.attempts + 1, locked_by = ${workerId},
        locked_until = now() + ${leaseMs} * interval '1 millisecond'
      where j.id in (
        select id from queue_jobs
        where (state = 'pending' and run_after <= now()) or (state = 'active' and locked_until < now())
        order by id
        limit ${limit}
        for update skip locked)
      returning j.id, j.source, j.payload, j.attempts, j.max_attempts, j.article_seq`.execute(
      this.store.kysely,
    );
    const jobs: Job[] = [];
    for (const row of result.rows) {
      const job: Job = {
        id: Number(row.id),
        source: row.source,
        document: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as RawDocument,
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
        articleSeq: row.article_seq === null ? null : Number(row.article_seq),
      };
      if (job.attempt > job.maxAttempts) {
        await this.bury(
          job,
          workerId,
          "the worker stopped while processing this document, every time it was tried",
        );
      } else jobs.push(job);
    }
    return jobs.sort((a, b) => a.id - b.id);
  }

  /**
   * Store the articles and mark their jobs done in one transaction (one commit for the whole batch). Jobs
   * this worker no longer holds (its lease ran out and another worker took them over) are left alone and
   * come back as null: the other worker's result counts.
   */
  async completeBatch(
    items: readonly { job: Job; doc: AnalyzedArticle }[],
    workerId: string,
  ): Promise<(PutResult | null)[]> {
    if (items.length === 0) return [];
    // Run again (a fresh transaction that now sees the other copy) when a later copy overtook this batch.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.completeBatchOnce(items, workerId);
      } catch (error) {
        if (!(error instanceof Overtaken) || attempt >= 5) throw error;
      }
    }
  }

  private completeBatchOnce(
    items: readonly { job: Job; doc: AnalyzedArticle }[],
    workerId: string,
  ): Promise<(PutResult | null)[]> {
    return this.store.kysely.transaction().execute(async (trx) => {
      const ids = items.map((i) => i.job.id);
      const owned = await sql<{ id: number | string }>`select id from queue_jobs
        where id in (${sql.join(ids)}) and state = 'active' and locked_by = ${workerId}
        order by id for update`.execute(trx);
      const mine = new Set(owned.rows.map((r) => Number(r.id)));
      // Articles in id order (stable: the same text twice keeps queue order): two workers whose batches
      // share an article then take its index entry in the same order, and wait instead of deadlocking.
      const held = items
        .filter((item) => mine.has(item.job.id))
        .sort((a, b) =>
          a.doc.article.id < b.doc.article.id ? -1 : a.doc.article.id > b.doc.article.id ? 1 : 0,
        );
      if (held.length === 0) return items.map(() => null);
      const replaced = await this.takeOverLaterCopies(trx, held);
      const ingestedAt = new Date().toISOString();
      const puts = await this.store.putArticlesIn(
        trx,
        held.map((item) => ({ doc: item.doc, ingestedAt })),
      );
      if (replaced.length > 0) await this.forgetReplaced(trx, replaced, held);
      const outcome = new Map(held.map((item, i) => [item.job.id, puts[i]!]));
      // Each article takes the earliest place in ingest order of the jobs that carry it: the one it would
      // have had if the queue had been drained in order by one process. Only rows inserted by this
      // transaction move (nobody else can see, let alone lock, them yet): no waits after the shared totals.
      const places = new Map<string, number>();
      for (const item of held) {
        const seq = item.job.articleSeq;
        const id = item.doc.article.id;
        if (seq !== null && seq < (places.get(id) ?? Number.POSITIVE_INFINITY)) places.set(id, seq);
      }
      const fresh = new Set(puts.filter((p) => p.inserted).map((p) => p.id));
      const moves = [...places].filter(([id]) => fresh.has(id));
      if (moves.length > 0) {
        await sql`update articles a set seq = v.seq
          from (values ${sql.join(moves.map(([id, seq]) => sql`(${id}::text, ${seq}::integer)`))}) as v(id, seq)
          where a.id = v.id and a.seq > v.seq`.execute(trx);
      }
      // A copy queued later than one here, committed by another worker after `takeOverLaterCopies` looked:
      // roll back and start again, when it is there to be taken over.
      const known = [...places].filter(([id]) => !fresh.has(id));
      if (known.length > 0) {
        const now = await sql<{ id: string; seq: number | string }>`select id, seq from articles
          where id in (${sql.join(known.map(([id]) => id))})`.execute(trx);
        const overtaken = now.rows.filter((r) => Number(r.seq) > places.get(r.id)!);
        if (overtaken.length > 0) {
          throw new Overtaken(`a later copy of ${overtaken[0]!.id} was stored meanwhile`);
        }
      }
      const values = held.map((item) => {
        const put = outcome.get(item.job.id)!;
        return sql`(${item.job.id}::bigint, ${put.id}::text, ${put.inserted}::boolean)`;
      });
      await sql`update queue_jobs j set state = 'done', finished_at = now(), locked_until = null,
          article_id = v.article_id, inserted = v.inserted, last_error = null
        from (values ${sql.join(values)}) as v(id, article_id, inserted)
        where j.id = v.id`.execute(trx);
      return items.map((item) => outcome.get(item.job.id) ?? null);
    });
  }

  /**
   * The same text queued twice (two file names, two feeds carrying one wire story) is one article: a single
   * process keeps the copy it read first. When a faster worker already stored a copy queued *later* than one
   * in this batch, that article is deleted here (rows locked in id order), so this batch stores the earlier copy
   * in its place; `forgetReplaced` then takes the old copy out of the running totals.
   */
  private async takeOverLaterCopies(
    trx: Transaction<StoreDatabase>,
    held: readonly { job: Job; doc: AnalyzedArticle }[],
  ): Promise<StoredArticle[]> {
    const earliest = new Map<string, number>();
    for (const { job, doc } of held) {
      if (job.articleSeq === null) continue;
      const id = doc.article.id;
      earliest.set(id, Math.min(job.articleSeq, earliest.get(id) ?? Number.POSITIVE_INFINITY));
    }
    if (earliest.size === 0) return [];
    const stored = await sql<{ id: string; seq: number | string }>`select id, seq from articles
      where id in (${sql.join([...earliest.keys()])}) order by id for update`.execute(trx);
    const later = stored.rows.filter((r) => Number(r.seq) > earliest.get(r.id)!).map((r) => r.id);
    if (later.length === 0) return [];
    const rows = await sql<{ doc: unknown; body: string; ingested_at: string }>`select doc, body, ingested_at
      from articles where id in (${sql.join(later)}) order by id`.execute(trx);
    await sql`delete from articles where id in (${sql.join(later)})`.execute(trx);
    return rows.rows.map(storedArticle);
  }

  /** The replaced copies leave the entity totals, and their jobs no longer count as the insert. */
  private async forgetReplaced(
    trx: Transaction<StoreDatabase>,
    replaced: readonly StoredArticle[],
    held: readonly { job: Job }[],
  ): Promise<void> {
    // The new copies (same text, so mostly the same entities) were just added: these rows are locked already.
    const totals = entityTotals(replaced);
    for (const chunk of chunks(totals.entityStats)) {
      const values = chunk.map(
        (r) => sql`(${r.key}::text, ${r.article_count}::integer, ${r.mention_count}::integer)`,
      );
      await sql`update entity_stats s set article_count = s.article_count - v.a, mention_count = s.mention_count - v.m
        from (values ${sql.join(values)}) as v(key, a, m) where s.key = v.key`.execute(trx);
    }
    for (const chunk of chunks(totals.entityVariants)) {
      const values = chunk.map(
        (r) => sql`(${r.key}::text, ${r.kind}::text, ${r.value}::text, ${r.n}::integer)`,
      );
      await sql`update entity_variants t set n = t.n - v.n from (values ${sql.join(values)}) as v(key, kind, value, n)
        where t.key = v.key and t.kind = v.kind and t.value = v.value`.execute(trx);
    }
    const keys = totals.entityStats.map((r) => r.key);
    if (keys.length > 0) {
      await sql`delete from entity_stats where key in (${sql.join(keys)}) and article_count <= 0`.execute(
        trx,
      );
      await sql`delete from entity_variants where key in (${sql.join(keys)}) and n <= 0`.execute(trx);
    }
    await sql`update queue_jobs set inserted = false
      where article_id in (${sql.join(replaced.map((r) => r.article.id))}) and inserted
        and id not in (${sql.join(held.map((h) => h.job.id))})`.execute(trx);
  }

  /** `completeBatch` for one job. */
  async complete(job: Job, workerId: string, doc: AnalyzedArticle): Promise<PutResult | null> {
    const [result] = await this.completeBatch([{ job, doc }], workerId);
    return result ?? null;
  }

  /** A failed attempt: retry later with a growing delay, or bury the job once it has used every attempt. */
  async fail(
    job: Job,
    workerId: string,
    error: string,
    retryDelayMs = DEFAULT_RETRY_DELAY_MS,
  ): Promise<"retry" | "dead"> {
    if (job.attempt >= job.maxAttempts) {
      await this.bury(job, workerId, error);
      return "dead";
    }
    const delay = retryDelayMs * job.attempt * job.attempt;
    await sql`update queue_jobs set state = 'pending', locked_by = null, locked_until = null, last_error = ${error},
      run_after = now() + ${delay} * interval '1 millisecond'
      where id = ${job.id} and locked_by = ${workerId}`.execute(this.store.kysely);
    return "retry";
  }

  private async bury(job: Job, workerId: string, error: string): Promise<void> {
    await this.store.kysely.transaction().execute(async (trx) => {
      const moved = await sql`update queue_jobs set state = 'dead', locked_until = null, finished_at = now(),
        last_error = ${error} where id = ${job.id} and locked_by = ${workerId} and state = 'active'`.execute(
        trx,
      );
      if (Number(moved.numAffectedRows ?? 0) === 0) return;
      await trx
        .insertInto("problems")
        .values({
          source: job.source,
          code: "QUEUE_DEAD_LETTER",
          message: `gave up after ${Math.min(job.attempt, job.maxAttempts)} attempts: ${error}`,
          hint: "fix the input or the cause, then queue it again (see `watchdesk worker --dead` for the list)",
          at: new Date().toISOString(),
        })
        .execute();
    });
  }

  async status(): Promise<QueueStatus> {
    const result = await sql<{
      state: string;
      n: number | string;
    }>`select state, count(*) as n from queue_jobs
      group by state`.execute(this.store.kysely);
    const status: QueueStatus = { pending: 0, active: 0, done: 0, dead: 0 };
    for (const row of result.rows) {
      if (row.state in status) status[row.state as keyof QueueStatus] = Number(row.n);
    }
    return status;
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const result = await sql<{
      id: number | string;
      source: string;
      attempts: number;
      last_error: string | null;
    }>`
      select id, source, attempts, last_error from queue_jobs where state = 'dead' order by id`.execute(
      this.store.kysely,
    );
    return result.rows.map((r) => ({
      id: Number(r.id),
      source: r.source,
      attempts: r.attempts,
      error: r.last_error,
    }));
  }

  /** Put dead jobs back in the queue with fresh attempts (after fixing what made them fail). */
  async requeueDead(): Promise<number> {
    const result = await sql`update queue_jobs set state = 'pending', attempts = 0, run_after = now(),
      locked_by = null, finished_at = null where state = 'dead'`.execute(this.store.kysely);
    return Number(result.numAffectedRows ?? 0);
  }
}

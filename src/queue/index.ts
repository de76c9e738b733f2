/**
 * Scale-out: a work queue in Postgres and the workers that drain it. `ingest --queue` reads inputs and
 * queues their documents (`enqueueDocuments` / `enqueueInputs`); any number of `watchdesk worker`
 * processes analyze and store them.
 */
import { expandInputs, type IngestOptions, isIngestProblem, readInput } from "../ingest/index.js";
import type { IngestProblem, RawDocument } from "../types.js";
import { type EnqueueResult, WorkQueue } from "./queue.js";

export {
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  type DeadLetter,
  type EnqueueResult,
  type Job,
  type QueueStatus,
  requirePostgresUrl,
  WorkQueue,
} from "./queue.js";
export {
  CORPUS_REFRESH_LOCK,
  type RefreshOutcome,
  refreshExclusively,
  refreshIfBehind,
} from "./refresh.js";
export {
  DEFAULT_REFRESH_EVERY_MS,
  runWorker,
  type WorkerEvent,
  type WorkerOptions,
  type WorkerReport,
} from "./worker.js";

/** Queue raw documents in the Postgres store at `pgUrl`; documents already queued are not queued again. */
export async function enqueueDocuments(
  pgUrl: string,
  rawDocs: Iterable<RawDocument> | AsyncIterable<RawDocument>,
  options: { maxAttempts?: number } = {},
): Promise<EnqueueResult> {
  const queue = await WorkQueue.open(pgUrl, { max: 2 });
  try {
    return await queue.enqueue(rawDocs, options);
  } finally {
    await queue.close();
  }
}

export interface EnqueueInputsReport extends EnqueueResult {
  items: number;
  documents: number;
  problems: IngestProblem[];
}

/**
 * Read files, folders, JSONL, feeds or URLs (as `ingest` does) and queue every document instead of
 * analyzing it here. Unreadable inputs are reported and recorded in the store as problems.
 */
export async function enqueueInputs(
  pgUrl: string,
  inputs: string[],
  options: IngestOptions & { maxAttempts?: number } = {},
): Promise<EnqueueInputsReport> {
  const queue = await WorkQueue.open(pgUrl, { max: 2 });
  try {
    const { items, problems } = await expandInputs(inputs, options);
    const report: EnqueueInputsReport = {
      items: items.length,
      documents: 0,
      queued: 0,
      alreadyQueued: 0,
      problems,
    };
    for (const problem of problems) await queue.store.recordProblem(problem);
    for (const item of items) {
      // Streamed into the queue (in batches) so a large JSONL file or feed is never held in memory whole.
      const documents = async function* () {
        for await (const doc of readInput(item, options)) {
          if (isIngestProblem(doc)) {
            report.problems.push(doc);
            await queue.store.recordProblem(doc);
          } else {
            report.documents++;
            yield doc;
          }
        }
      };
      const result = await queue.enqueue(documents(), options);
      report.queued += result.queued;
      report.alreadyQueued += result.alreadyQueued;
    }
    return report;
  } finally {
    await queue.close();
  }
}

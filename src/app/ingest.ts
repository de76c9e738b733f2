import { expandInputs, type IngestOptions, isIngestProblem, readInput } from "../ingest/index.js";
import { analyze } from "../pipeline.js";
import type { Store } from "../store/types.js";
import type { IngestProblem } from "../types.js";
import { analyzeProblem, corpusBehind, isStoreUnavailable, refreshAfterWrites } from "./refresh.js";

export interface IngestProgress {
  /** Called once the inputs are expanded (files in folders, URLs). */
  start(total: number): void;
  /** Called after each input item is done. */
  tick(source: string): void;
  stop(): void;
}

export interface IngestReport {
  /** Input items (files, URLs) read. */
  items: number;
  /** Documents found in them (a JSONL file or a feed holds many). */
  documents: number;
  /** Newly stored articles. */
  inserted: number;
  /** Documents already in the store (re-ingest): nothing written. */
  unchanged: number;
  problems: IngestProblem[];
  /** Ids of newly stored articles, in ingest order. */
  insertedIds: string[];
  corpus: { stories: number; duplicates: number; claims: number; discrepancies: number } | null;
}

export interface IngestRequest {
  inputs: string[];
  options?: IngestOptions;
  progress?: IngestProgress;
  /** Recompute stories and the ledger after storing (default true). */
  refresh?: boolean;
}

/**
 * Read, analyze and store every document of every input. One bad document never stops the batch: it is
 * recorded as a problem (in the report and in the store) and the rest goes on. Each article is stored in one
 * transaction keyed by its content id, so re-running the same ingest writes nothing new and an interrupted run
 * loses nothing already stored.
 */
export async function ingestInputs(store: Store, request: IngestRequest): Promise<IngestReport> {
  const { items, problems } = await expandInputs(request.inputs, request.options);
  const report: IngestReport = {
    items: items.length,
    documents: 0,
    inserted: 0,
    unchanged: 0,
    problems: [...problems],
    insertedIds: [],
    corpus: null,
  };
  for (const problem of problems) await store.recordProblem(problem);
  request.progress?.start(items.length);
  try {
    for (const item of items) {
      for await (const doc of readInput(item, request.options)) {
        if (isIngestProblem(doc)) {
          report.problems.push(doc);
          await store.recordProblem(doc);
          continue;
        }
        report.documents += 1;
        try {
          const analyzed = analyze(doc);
          const result = await store.putArticle(analyzed);
          if (result.inserted) {
            report.inserted += 1;
            report.insertedIds.push(result.id);
          } else report.unchanged += 1;
        } catch (error) {
          if (isStoreUnavailable(error)) throw error;
          const problem = analyzeProblem(doc.source, error);
          report.problems.push(problem);
          await store.recordProblem(problem);
        }
      }
      request.progress?.tick(item.source);
    }
  } finally {
    request.progress?.stop();
  }
  // Also when nothing was new but an earlier run was cut off before its refresh finished.
  if (
    request.refresh !== false &&
    (report.inserted > 0 || (report.documents > 0 && (await corpusBehind(store))))
  ) {
    report.corpus = await refreshAfterWrites(store);
  }
  return report;
}

import { WatchdeskError } from "../errors.js";
import { expandInputs, type IngestOptions, isIngestProblem, readInput } from "../ingest/index.js";
import { analyze } from "../pipeline.js";
import type { AnalyzedArticle } from "../types.js";

/**
 * Analyze one document without touching any store (`watchdesk analyze <file>`). When the input holds several
 * documents (a JSONL file, a feed), the first one is analyzed.
 */
export async function analyzeInput(input: string, options?: IngestOptions): Promise<AnalyzedArticle> {
  const { items, problems } = await expandInputs([input], options);
  const first = problems[0];
  if (first) throw new WatchdeskError(first.code, first.message, { input: first.source, hint: first.hint });
  for (const item of items) {
    for await (const doc of readInput(item, options)) {
      if (isIngestProblem(doc)) {
        throw new WatchdeskError(doc.code, doc.message, { input: doc.source, hint: doc.hint });
      }
      return analyze(doc);
    }
  }
  throw new WatchdeskError("NO_DOCUMENT", "no document found in this input", {
    input,
    hint: "give a text, HTML, JSON/JSONL or feed file, or an http(s) URL",
  });
}

/**
 * Ingest files sent to the desk (an upload in the browser or a multipart POST to the API). Each upload is
 * written to a private temporary folder under a safe name — never a path the sender chose — read by the
 * same readers as `watchdesk ingest`, and recorded with the source `upload:<name>` so an article says where
 * it came from rather than which temporary file it passed through.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WatchdeskError } from "../errors.js";
import { type IngestOptions, isIngestProblem, readInput } from "../ingest/index.js";
import { analyze } from "../pipeline.js";
import type { Store } from "../store/types.js";
import { analyzeProblem, isStoreUnavailable, refreshAfterWrites } from "./refresh.js";
import type { IngestReport } from "./ingest.js";

export interface Upload {
  /** The name the sender gave; only its last part, made safe, is kept. */
  name: string;
  bytes: Uint8Array;
}

export const MAX_UPLOADS = 50;

/** The last path part of a sender's file name, limited to letters, digits, dot, dash and underscore. */
export function safeUploadName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  const clean = last
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return clean || "upload.txt";
}

export async function ingestUploads(
  store: Store,
  uploads: Upload[],
  options: IngestOptions & { refresh?: boolean } = {},
): Promise<IngestReport> {
  if (uploads.length === 0 || uploads.length > MAX_UPLOADS) {
    throw new WatchdeskError("BAD_UPLOAD", `send between 1 and ${MAX_UPLOADS} files at once`, {
      input: `${uploads.length} files`,
      hint: "choose one or more text, HTML, JSON/JSONL or feed files",
      exitCode: 2,
    });
  }
  const dir = await mkdtemp(join(tmpdir(), "watchdesk-upload-"));
  const report: IngestReport = {
    items: uploads.length,
    documents: 0,
    inserted: 0,
    unchanged: 0,
    problems: [],
    insertedIds: [],
    corpus: null,
  };
  try {
    for (const [i, upload] of uploads.entries()) {
      const name = safeUploadName(upload.name);
      const path = join(dir, `${i}-${name}`);
      await writeFile(path, upload.bytes, { mode: 0o600 });
      const rename = (s: string) => s.split(path).join(`upload:${name}`);
      for await (const doc of readInput({ source: path, kind: "file" }, options)) {
        if (isIngestProblem(doc)) {
          const problem = { ...doc, source: rename(doc.source), message: rename(doc.message) };
          report.problems.push(problem);
          await store.recordProblem(problem);
          continue;
        }
        report.documents += 1;
        const source = rename(doc.source);
        try {
          const result = await store.putArticle(analyze({ ...doc, source }));
          if (result.inserted) {
            report.inserted += 1;
            report.insertedIds.push(result.id);
          } else report.unchanged += 1;
        } catch (error) {
          if (isStoreUnavailable(error)) throw error;
          const problem = analyzeProblem(source, error, rename);
          report.problems.push(problem);
          await store.recordProblem(problem);
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (options.refresh !== false && report.inserted > 0) report.corpus = await refreshAfterWrites(store);
  return report;
}

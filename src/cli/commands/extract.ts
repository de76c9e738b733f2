import { basename } from "node:path";
import { cleanDocument } from "../../clean/index.js";
import { expandInputs, isIngestProblem, readInput } from "../../ingest/index.js";
import type { Article, IngestProblem, RawDocument } from "../../types.js";
import type { CliContext, RegisterCommand } from "../context.js";
import { ingestOptions } from "./ingest.js";

/** What `extract --jsonl` prints per document. */
export interface ExtractRecord {
  id: string;
  source: string;
  title: string;
  published: string | null;
  publishedFrom: Article["publishedFrom"];
  outlet: string | null;
  claimedSource: string | null;
  byline: string | null;
  dateline: string | null;
  text: string;
  removed: Article["removed"];
}

/** A file name without all its extensions ("story.html.gz" → "story"); a URL's last path segment or its host. */
function nameOf(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      const url = new URL(source);
      const last = url.pathname.split("/").filter(Boolean).pop();
      return last ? last.replace(/\.[^.]*$/, "") : url.hostname;
    } catch {
      return source;
    }
  }
  const name = basename(source);
  const dot = name.indexOf(".", 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The id of one document: the file name, or for the N-th record of a JSONL file/feed its own id, else name#N. */
export function documentId(doc: RawDocument): string {
  const hash = doc.source.lastIndexOf("#");
  if (hash < 0 || !/^\d+$/.test(doc.source.slice(hash + 1))) return doc.hints.id ?? nameOf(doc.source);
  return doc.hints.id ?? `${nameOf(doc.source.slice(0, hash))}#${doc.source.slice(hash + 1)}`;
}

export function toRecord(doc: RawDocument, article: Article): ExtractRecord {
  return {
    id: documentId(doc),
    source: doc.source,
    title: article.title,
    published: article.published,
    publishedFrom: article.publishedFrom,
    outlet: article.outlet,
    claimedSource: article.claimedSource,
    byline: article.byline,
    dateline: article.dateline,
    text: article.body,
    removed: article.removed,
  };
}

function reportProblem(ctx: CliContext, p: IngestProblem): void {
  ctx.io.stderr(`watchdesk: ${p.source}: ${p.message} (${p.hint})\n`);
  ctx.setExitCode(1);
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("extract")
    .description(
      "clean files, folders, JSON/JSONL, feeds or URLs into article text and metadata; nothing is stored",
    )
    .argument("<inputs...>", "paths, folders or http(s) URLs")
    .option("--jsonl", "print one JSON line per document")
    .option("--allow-private-network", "allow URLs that resolve to private, loopback or link-local addresses")
    .option(
      "--allow-host <host[:port]>",
      "allow this one host past the private-address guard (repeatable); redirects are still checked",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--timeout <ms>", "per-URL fetch timeout in milliseconds", "20000")
    .option(
      "--max-bytes <n>",
      "refuse inputs larger than this, decompressed (for JSON lines: each record)",
      String(50 * 1024 * 1024),
    )
    .action(async (inputs: string[], opts) => {
      const options = ingestOptions(opts);
      const { items, problems } = await expandInputs(inputs, options);
      for (const p of problems) reportProblem(ctx, p);
      let count = 0;
      for (const item of items) {
        for await (const doc of readInput(item, options)) {
          if (isIngestProblem(doc)) {
            reportProblem(ctx, doc);
            continue;
          }
          let record: ExtractRecord;
          try {
            record = toRecord(doc, cleanDocument(doc));
          } catch (error) {
            reportProblem(ctx, {
              source: doc.source,
              code: "CLEAN_FAILED",
              message: `could not clean this document: ${(error as Error).message}`,
              hint: "report this input if it looks like an ordinary article",
            });
            continue;
          }
          count++;
          if (opts.jsonl) ctx.io.stdout(`${JSON.stringify(record)}\n`);
          else {
            const meta = [record.published ?? "no date", record.outlet, record.dateline]
              .filter(Boolean)
              .join(" · ");
            ctx.io.stdout(
              `${record.id}\t${record.title}\t${meta}\t${record.text.length} chars, ${record.removed.length} removed\n`,
            );
          }
        }
      }
      if (count === 0 && problems.length === 0 && items.length === 0) {
        ctx.io.stderr("watchdesk: no input files found (give files, folders or http(s) URLs)\n");
        ctx.setExitCode(1);
      }
    });
};

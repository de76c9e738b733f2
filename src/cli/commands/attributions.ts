/**
 * `watchdesk attributions <files|dir> --jsonl`: who said what, as character spans into each document's raw
 * text (the file as read, decoded), one JSON line per document:
 *   {"doc": <file stem>, "attributions": [{"source": [[s,e]]|null, "cue": [[s,e]], "content": [[s,e]]}]}
 * Plain text is analysed as written, so its offsets are raw by construction (a PolNeAR `.txt` scores
 * directly). Other documents (HTML, JSON records, feeds) are cleaned first and their body offsets are mapped
 * back onto the raw text (src/extract/offsets.ts); a span whose text is not in the raw document is left out.
 */
import { cleanDocument } from "../../clean/index.js";
import { recognizeEntities } from "../../extract/entities/index.js";
import { extract } from "../../extract/index.js";
import { alignBodyToRaw, spanToRaw } from "../../extract/offsets.js";
import { expandInputs, isIngestProblem, readInput } from "../../ingest/index.js";
import type { Article, IngestProblem, RawDocument, Span } from "../../types.js";
import type { CliContext, RegisterCommand } from "../context.js";
import { documentId } from "./extract.js";

export interface SpanRecord {
  source: Span[] | null;
  cue: Span[];
  content: Span[];
}

export interface AttributionsRecord {
  doc: string;
  attributions: SpanRecord[];
}

/** The attributions of one raw document, with offsets into `doc.content`. */
export function rawAttributions(doc: RawDocument): AttributionsRecord {
  const cleaned = cleanDocument(doc);
  const plain = doc.contentType === "text/plain";
  // Plain text: analyse the raw text itself (metadata from cleaning still gives the publication date).
  const article: Article = plain ? { ...cleaned, body: doc.content } : cleaned;
  const { attributions } = extract(article, recognizeEntities(article));
  const map = plain ? null : alignBodyToRaw(doc.content, cleaned.body);
  const toRaw = (spans: Span[]): Span[] =>
    map
      ? spans.map((s) => spanToRaw(map, s)).filter((s): s is Span => s !== null)
      : spans.map(([s, e]) => [s, e]);
  const out: SpanRecord[] = [];
  for (const a of attributions) {
    const cue = toRaw(a.spans.cue);
    const content = toRaw(a.spans.content);
    // Every record names its cue (the format has no cue-less attribution; a quote continuing an earlier
    // speaker is left out here).
    if (cue.length === 0) continue;
    const source = toRaw(a.spans.source);
    out.push({ source: source.length ? source : null, cue, content });
  }
  return { doc: documentId(doc), attributions: out };
}

function reportProblem(ctx: CliContext, p: IngestProblem): void {
  ctx.io.stderr(`watchdesk: ${p.source}: ${p.message} (${p.hint})\n`);
  ctx.setExitCode(1);
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("attributions")
    .description(
      "find who said what in files or folders: source, cue and content spans as offsets into each raw file",
    )
    .argument("<inputs...>", "paths, folders or http(s) URLs")
    .option("--jsonl", "print one JSON line per document (the only format; kept for scripts that pass it)")
    .option("--allow-private-network", "allow URLs that resolve to private, loopback or link-local addresses")
    .action(async (inputs: string[], opts) => {
      const options = { allowPrivateNetwork: Boolean(opts.allowPrivateNetwork) };
      const { items, problems } = await expandInputs(inputs, options);
      for (const p of problems) reportProblem(ctx, p);
      const seen = new Set<string>();
      for (const item of items) {
        for await (const doc of readInput(item, options)) {
          if (isIngestProblem(doc)) {
            reportProblem(ctx, doc);
            continue;
          }
          let record: AttributionsRecord;
          try {
            record = rawAttributions(doc);
          } catch (error) {
            reportProblem(ctx, {
              source: doc.source,
              code: "ANALYZE_FAILED",
              message: `could not analyze this document: ${(error as Error).message}`,
              hint: "report this input if it looks like an ordinary article",
            });
            continue;
          }
          if (seen.has(record.doc))
            ctx.io.stderr(
              `watchdesk: ${doc.source}: another input has the same file stem "${record.doc}" (rename one so scorers can tell them apart)\n`,
            );
          seen.add(record.doc);
          ctx.io.stdout(`${JSON.stringify(record)}\n`);
        }
      }
      if (problems.length === 0 && items.length === 0) {
        ctx.io.stderr("watchdesk: no input files found (give files, folders or http(s) URLs)\n");
        ctx.setExitCode(1);
      }
    });
};

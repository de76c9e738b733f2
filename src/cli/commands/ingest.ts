import { ingestInputs, loadConfig } from "../../app/index.js";
import { WatchdeskError } from "../../errors.js";
import type { IngestOptions } from "../../ingest/index.js";
import { enqueueInputs } from "../../queue/index.js";
import type { RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { plural } from "../format.js";
import { progressBar } from "../progress.js";

/** The ingest limits given on the command line (shared with `extract`). */
export function ingestOptions(opts: {
  allowPrivateNetwork?: boolean;
  allowHost?: string[];
  timeout?: string;
  maxBytes?: string;
}): IngestOptions {
  const options: IngestOptions = { allowPrivateNetwork: Boolean(opts.allowPrivateNetwork) };
  if (opts.allowHost?.length) options.allowHosts = opts.allowHost;
  for (const [flag, value] of [
    ["--timeout", opts.timeout],
    ["--max-bytes", opts.maxBytes],
  ] as const) {
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) {
      throw new WatchdeskError("BAD_OPTION", `${flag} must be a positive number, not "${value}"`, {
        input: value,
        hint: `give ${flag} a number, e.g. ${flag === "--timeout" ? "20000 (milliseconds)" : "52428800 (bytes)"}`,
        exitCode: 2,
      });
    }
    if (flag === "--timeout") options.timeoutMs = n;
    else options.maxBytes = n;
  }
  return options;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("ingest")
    .description("read files, folders, JSON/JSONL, RSS/Atom feeds or URLs; analyze and store every document")
    .argument("<inputs...>", "paths, folders or http(s) URLs")
    .option("--allow-private-network", "allow URLs that resolve to private, loopback or link-local addresses")
    .option(
      "--allow-host <host[:port]>",
      "allow this one host past the private-address guard (repeatable); redirects are still checked",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--timeout <ms>", "per-URL fetch timeout in milliseconds", "20000")
    .option("--max-bytes <n>", "refuse inputs larger than this, decompressed (for JSON lines: each record)")
    .option("--no-refresh", "do not recompute stories and the ledger after storing")
    .option("--queue", "queue the documents for `watchdesk worker` processes instead (Postgres only)")
    .option("--json", "print the ingest report as JSON")
    .action(async (inputs: string[], opts) => {
      if (opts.queue) {
        const { database } = loadConfig(program.opts<{ db?: string }>());
        if (!/^postgres(ql)?:\/\//i.test(database)) {
          throw new WatchdeskError("QUEUE_NEEDS_POSTGRES", "the work queue lives in Postgres", {
            input: database,
            hint: "pass --db postgres://… (or set WATCHDESK_DATABASE_URL), or ingest without --queue",
            exitCode: 2,
          });
        }
        const report = await enqueueInputs(database, inputs, ingestOptions(opts));
        if (opts.json) printJson(ctx.io, report);
        else
          ctx.io.stdout(
            `${plural(report.documents, "document")} read from ${plural(report.items, "input")}, ${report.queued} queued, ${report.alreadyQueued} already queued, ${plural(report.problems.length, "problem")}\n`,
          );
        for (const p of report.problems) ctx.io.stderr(`watchdesk: ${p.source}: ${p.message} (${p.hint})\n`);
        if (report.problems.length > 0) ctx.setExitCode(1);
        return;
      }
      const store = await ctx.openStore();
      try {
        const report = await ingestInputs(store, {
          inputs,
          options: ingestOptions(opts),
          progress: progressBar(ctx.io, "ingest"),
          refresh: opts.refresh !== false,
        });
        if (opts.json) printJson(ctx.io, report);
        else {
          const parts = [
            `${plural(report.documents, "document")} read from ${plural(report.items, "input")}`,
            `${report.inserted} new`,
            `${report.unchanged} already stored`,
            `${plural(report.problems.length, "problem")}`,
          ];
          ctx.io.stdout(`${parts.join(", ")}\n`);
          if (report.corpus) {
            const c = report.corpus;
            ctx.io.stdout(
              `corpus: ${plural(c.stories, "story", "stories")}, ${plural(c.duplicates, "duplicate")}, ${plural(c.claims, "canonical claim")}, ${plural(c.discrepancies, "discrepancy", "discrepancies")}\n`,
            );
          }
        }
        for (const p of report.problems) ctx.io.stderr(`watchdesk: ${p.source}: ${p.message} (${p.hint})\n`);
        if (report.problems.length > 0) ctx.setExitCode(1);
      } finally {
        await store.close();
      }
    });
};

import { ingestInputs, loadConfig } from "../../app/index.js";
import { WatchdeskError } from "../../errors.js";
import { enqueueInputs } from "../../queue/index.js";
import type { RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { plural } from "../format.js";
import { progressBar } from "../progress.js";

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("ingest")
    .description("read files, folders, JSON/JSONL, RSS/Atom feeds or URLs; analyze and store every document")
    .argument("<inputs...>", "paths, folders or http(s) URLs")
    .option("--allow-private-network", "allow URLs that resolve to private, loopback or link-local addresses")
    .option("--timeout <ms>", "per-URL fetch timeout in milliseconds", "20000")
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
        const report = await enqueueInputs(database, inputs, {
          allowPrivateNetwork: Boolean(opts.allowPrivateNetwork),
          timeoutMs: Number(opts.timeout),
        });
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
          options: {
            allowPrivateNetwork: Boolean(opts.allowPrivateNetwork),
            timeoutMs: Number(opts.timeout),
          },
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

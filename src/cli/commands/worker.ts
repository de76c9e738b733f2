// `watchdesk worker`: drain the Postgres work queue filled by `ingest --queue` (any number may run at once).
import type { Command } from "commander";
import { loadConfig } from "../../app/config.js";
import { WatchdeskError } from "../../errors.js";
import { requirePostgresUrl, runWorker, WorkQueue } from "../../queue/index.js";
import type { RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { plural, table } from "../format.js";

function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new WatchdeskError("BAD_OPTION", `${name} must be a whole number of at least ${min}`, {
        input: value,
        exitCode: 2,
      });
    }
    return n;
  };
}

interface WorkerOpts {
  concurrency: number;
  batchSize: number;
  lease: number;
  untilEmpty?: boolean;
  refresh: boolean;
  refreshEvery: number;
  status?: boolean;
  dead?: boolean;
  requeueDead?: boolean;
  verbose?: boolean;
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("worker")
    .description("analyze and store documents queued in Postgres by `ingest --queue`, until stopped")
    .option(
      "--concurrency <n>",
      "batches in flight in this process (start more processes to use more cores)",
      wholeNumber("--concurrency", 1),
      2,
    )
    .option("--batch-size <n>", "documents claimed at a time", wholeNumber("--batch-size", 1), 10)
    .option(
      "--lease <seconds>",
      "a claimed document goes back to the queue if not stored within this time",
      wholeNumber("--lease", 1),
      60,
    )
    .option("--until-empty", "stop when the queue is empty instead of waiting for more")
    .option(
      "--no-refresh",
      "do not recompute stories and the ledger (by default: when the queue runs dry, and at the end with --until-empty)",
    )
    .option(
      "--refresh-every <seconds>",
      "while documents keep coming, recompute stories and the ledger at least this often",
      wholeNumber("--refresh-every", 1),
      300,
    )
    .option("--status", "print how many documents are pending, active, done and dead, and exit")
    .option("--dead", "list the documents that failed every attempt, and exit")
    .option("--requeue-dead", "queue the dead documents again with fresh attempts, and exit")
    .option("--verbose", "print a line per document")
    .option("--json", "print the report as JSON")
    .action(async (opts: WorkerOpts, command: Command) => {
      const url = loadConfig(command.optsWithGlobals<{ db?: string }>()).database;
      requirePostgresUrl(url);
      if (opts.status || opts.dead || opts.requeueDead) {
        const queue = await WorkQueue.open(url, { max: 2 });
        try {
          if (opts.requeueDead) {
            const n = await queue.requeueDead();
            ctx.io.stdout(`${plural(n, "document")} queued again\n`);
          }
          if (opts.dead) {
            const dead = await queue.deadLetters();
            if (opts.json) printJson(ctx.io, dead);
            else if (dead.length === 0) ctx.io.stdout("no dead documents\n");
            else {
              ctx.io.stdout(
                table(
                  [
                    { header: "source", max: 50 },
                    { header: "attempts", max: 8 },
                    { header: "last error", max: 70 },
                  ],
                  dead.map((d) => [d.source, d.attempts, d.error]),
                ),
              );
            }
          }
          if (opts.status) {
            const s = await queue.status();
            if (opts.json) printJson(ctx.io, s);
            else ctx.io.stdout(`${s.pending} pending, ${s.active} active, ${s.done} done, ${s.dead} dead\n`);
          }
        } finally {
          await queue.close();
        }
        return;
      }

      const controller = new AbortController();
      const stop = () => {
        if (controller.signal.aborted) return;
        ctx.io.stderr("watchdesk: stopping after the current documents (press Ctrl-C again to quit now)\n");
        controller.abort();
        process.once("SIGINT", () => process.exit(130));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      // Loaded only for a worker that refreshes: --status and friends need none of the corpus stages.
      const refresh = opts.refresh ? (await import("../../app/index.js")).refreshCorpus : undefined;
      let corpus: unknown = null;
      let refreshFailed = false;
      try {
        const report = await runWorker({
          url,
          concurrency: opts.concurrency,
          batchSize: opts.batchSize,
          leaseMs: opts.lease * 1000,
          untilEmpty: Boolean(opts.untilEmpty),
          signal: controller.signal,
          refresh,
          refreshEveryMs: opts.refreshEvery * 1000,
          onEvent: (event) => {
            if (event.type === "dead") {
              ctx.io.stderr(
                `watchdesk: ${event.source}: gave up after ${event.attempt} attempts: ${event.error}\n`,
              );
            } else if (event.type === "error") {
              ctx.io.stderr(
                `watchdesk: queue error (${event.consecutive} in a row, retrying): ${event.error}\n`,
              );
            } else if (event.type === "refresh-failed") {
              refreshFailed = true;
              ctx.io.stderr(
                `watchdesk: could not recompute stories and the ledger (tried again later): ${event.error}\n`,
              );
            } else if (event.type === "refreshed") {
              refreshFailed = false;
              if (event.ran) corpus = event.result;
              if (opts.verbose) {
                ctx.io.stderr(
                  event.ran
                    ? `refreshed stories and ledger over ${plural(event.articles, "article")}\n`
                    : `stories and ledger already cover all ${plural(event.articles, "article")}\n`,
                );
              }
            } else if (opts.verbose) {
              const what =
                event.type === "stored" ? (event.inserted ? "stored" : "already stored") : event.type;
              ctx.io.stderr(`${what}: ${event.source}\n`);
            }
          },
        });
        if (opts.json) printJson(ctx.io, { ...report, corpus });
        else {
          ctx.io.stdout(
            `${plural(report.processed, "document")} stored (${report.inserted} new, ${report.unchanged} already stored), ` +
              `${report.retried} retried, ${report.dead} dead\n`,
          );
        }
        if (report.dead > 0 || refreshFailed) ctx.setExitCode(1);
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    });
};

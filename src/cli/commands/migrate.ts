// `watchdesk migrate --from desk.db --to postgres://…`: copy a SQLite store into Postgres (idempotent).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { WatchdeskError } from "../../errors.js";
import { copyStore } from "../../store/copy.js";
import { isPostgresUrl, openStore } from "../../store/index.js";
import type { RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { plural } from "../format.js";
import { progressBar } from "../progress.js";

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("migrate")
    .description("copy a SQLite store into Postgres; running it again copies only what is new")
    .requiredOption("--from <file>", "the SQLite database to copy")
    .requiredOption("--to <url>", "the postgres:// database to copy into (a ?schema=name parameter is kept)")
    .option("--json", "print the copy report as JSON")
    .action(async (opts: { from: string; to: string; json?: boolean }) => {
      if (isPostgresUrl(opts.from) || !existsSync(opts.from)) {
        throw new WatchdeskError("MIGRATE_SOURCE_MISSING", "no SQLite database at this path", {
          input: opts.from,
          hint: "give --from the path of an existing watchdesk.db",
          exitCode: 2,
        });
      }
      if (!isPostgresUrl(opts.to)) {
        throw new WatchdeskError("MIGRATE_TARGET_NOT_POSTGRES", "the target must be a Postgres database", {
          input: opts.to,
          hint: "write it as --to postgres://user@host:5432/dbname",
          exitCode: 2,
        });
      }
      const from = await openStore(resolve(opts.from));
      try {
        const to = await openStore(opts.to);
        try {
          const bar = progressBar(ctx.io, "migrate");
          let last = 0;
          const report = await copyStore(from, to, {
            start: (total) => bar.start(total),
            tick: (done) => {
              for (; last < done; last++) bar.tick("articles");
            },
            stop: () => bar.stop(),
          });
          if (opts.json) printJson(ctx.io, report);
          else {
            ctx.io.stdout(
              `${plural(report.articles, "article")} read: ${report.inserted} copied, ${report.skipped} already there; ` +
                `${plural(report.stories, "story", "stories")}, ${plural(report.duplicates, "duplicate")}, ` +
                `${plural(report.ledgerClaims, "ledger claim")}, ${plural(report.decisions, "new decision")}, ` +
                `${plural(report.problems, "new problem")}, ${plural(report.sanctionsEntries, "sanctions entry", "sanctions entries")}, ` +
                `${plural(report.tokens, "new API token")}\n`,
            );
          }
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
};

/** `watchdesk sanctions import <file> | match [--threshold] | diff <old> <new>` */
import { diffSanctionsFiles, importSanctions, matchSanctions } from "../../app/sanctions.js";
import { WatchdeskError } from "../../errors.js";
import type { SanctionsDiff } from "../../link/index.js";
import { type CliIO, printJson, type RegisterCommand } from "../context.js";

function printDiff(io: CliIO, diff: SanctionsDiff): void {
  io.stdout(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed\n`);
  for (const e of diff.added) io.stdout(`+ ${e.reference}  ${e.name}\n`);
  for (const e of diff.removed) io.stdout(`- ${e.reference}  ${e.name}\n`);
  for (const c of diff.changed) io.stdout(`~ ${c.reference}  ${c.name}  (${c.fields.join(", ")})\n`);
}

function parseThreshold(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new WatchdeskError("BAD_THRESHOLD", `threshold must be a number between 0 and 1, not "${value}"`, {
      input: value,
      hint: "for example --threshold 0.9",
      exitCode: 2,
    });
  }
  return n;
}

export const register: RegisterCommand = (program, ctx) => {
  const sanctions = program
    .command("sanctions")
    .description("UN sanctions list: import, match entities, diff");

  sanctions
    .command("import <file>")
    .description("import the UN consolidated list XML and show what changed since the stored list")
    .option("--json", "print JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const result = await importSanctions(store, file);
        if (opts.json) printJson(ctx.io, result);
        else {
          ctx.io.stdout(`${result.entries} entries imported (list of ${result.generated})\n`);
          printDiff(ctx.io, result.diff);
        }
      } finally {
        await store.close();
      }
    });

  sanctions
    .command("match")
    .description("score stored people, organisations and vessels against the stored list")
    .option("--threshold <n>", "minimum score, 0..1", parseThreshold)
    .option("--regime <name...>", "only these regimes (e.g. DPRK)")
    .option("--json", "print JSON")
    .action(async (opts: { threshold?: number; regime?: string[]; json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const matches = await matchSanctions(store, {
          ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
          ...(opts.regime ? { regimes: opts.regime } : {}),
        });
        if (opts.json) printJson(ctx.io, matches);
        else if (matches.length === 0) ctx.io.stdout("no entity matches the list\n");
        else
          for (const m of matches)
            for (const l of m.links)
              ctx.io.stdout(
                `${m.name} (${m.type}, ${m.articleCount} articles) → ${l.reference} ${l.name}  ${l.score}\n`,
              );
      } finally {
        await store.close();
      }
    });

  sanctions
    .command("diff <old> <new>")
    .description("compare two list files")
    .option("--json", "print JSON")
    .action(async (oldFile: string, newFile: string, opts: { json?: boolean }) => {
      const diff = await diffSanctionsFiles(oldFile, newFile);
      if (opts.json) printJson(ctx.io, diff);
      else printDiff(ctx.io, diff);
    });
};

/** `watchdesk sanctions import <file> | match [--threshold] | check <name> | diff <old> <new>` */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { loadConfig } from "../../app/config.js";
import {
  checkName,
  diffSanctionsFiles,
  importSanctions,
  linkAnalysis,
  matchSanctions,
  readSanctionsFile,
  sanctionsIndexFor,
} from "../../app/sanctions.js";
import { WatchdeskError } from "../../errors.js";
import type { SanctionsDiff } from "../../link/index.js";
import type { AnalyzedArticle, EntityType } from "../../types.js";
import { type CliContext, type CliIO, printJson, type RegisterCommand } from "../context.js";
import { describeFeatures } from "./entities.js";

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

function parseCheckType(value: string): EntityType {
  const t = value.toUpperCase();
  const type = (t === "ORGANIZATION" || t === "ENTITY" ? "ORG" : t) as EntityType;
  if (!["PERSON", "ORG", "VESSEL"].includes(type)) {
    throw new WatchdeskError("BAD_ENTITY_TYPE", `a sanctions list holds no "${value}" records`, {
      input: value,
      hint: "one of person, org, vessel",
      exitCode: 2,
    });
  }
  return type;
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
          for (const m of matches) {
            ctx.io.stdout(`${m.name} (${m.type}, ${m.key}, ${m.articleCount} articles)\n`);
            for (const l of m.links)
              ctx.io.stdout(`  → ${l.reference} ${l.name}  score ${l.score}  (${describeFeatures(l)})\n`);
          }
      } finally {
        await store.close();
      }
    });

  sanctions
    .command("check <name>")
    .description("why a name links or not: its best candidates in the list, with every feature")
    .option("--type <type>", "person, org or vessel", parseCheckType, "PERSON" as EntityType)
    .option("--country <code>", "the person's or organisation's country (ISO alpha-2)")
    .option("--threshold <n>", "minimum score, 0..1", parseThreshold)
    .option("--list <file>", "check against this list file instead of the stored list")
    .option("--json", "print JSON")
    .action(
      async (
        name: string,
        opts: { type: EntityType; country?: string; threshold?: number; list?: string; json?: boolean },
      ) => {
        const list = opts.list ? await readSanctionsFile(opts.list) : undefined;
        const store = list ? null : await ctx.openStore();
        try {
          const result = await checkName(store, name, opts.type, {
            ...(list ? { list } : {}),
            ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
            ...(opts.country ? { country: opts.country.toUpperCase() } : {}),
          });
          if (opts.json) {
            printJson(ctx.io, result);
            return;
          }
          const linked = result.candidates.filter((c) => c.linked);
          ctx.io.stdout(
            `${name} (${result.type}): ${linked.length > 0 ? `links to ${linked.map((c) => c.reference).join(", ")}` : "no link"} at threshold ${result.threshold}\n`,
          );
          for (const c of result.candidates)
            ctx.io.stdout(
              `  ${c.linked ? "✓" : "·"} ${c.reference} ${c.name}  score ${c.score}  (${describeFeatures(c)})\n`,
            );
        } finally {
          await store?.close();
        }
      },
    );

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

export interface AnalyzeLinkOptions {
  /** `--sanctions <file>`: link against this list file. */
  sanctions?: string;
  /** `--link` (true) forces linking against the stored list; `--no-link` (false) turns it off. */
  link?: boolean;
}

/**
 * How `analyze` gets a sanctions list: `--sanctions <file>` when given; else the list imported into the
 * store — with `--link` from any store, and by default only from a SQLite file that already exists (so
 * `analyze` never creates a database); `--no-link` turns linking off. Returns the analysis with
 * `sanctions` on every linked person, organisation and vessel.
 */
export async function linkForAnalyze(
  program: Command,
  ctx: CliContext,
  result: AnalyzedArticle,
  opts: AnalyzeLinkOptions,
): Promise<AnalyzedArticle> {
  if (opts.link === false && !opts.sanctions) return result;
  if (opts.sanctions) return linkAnalysis(result, await sanctionsIndexFor({ file: opts.sanctions }));
  if (opts.link !== true) {
    const { database } = loadConfig(program.opts<{ db?: string }>());
    if (/^[a-z]+:\/\//i.test(database) || !existsSync(database)) return result;
  }
  const store = await ctx.openStore();
  try {
    return linkAnalysis(result, await sanctionsIndexFor({ store }));
  } finally {
    await store.close();
  }
}

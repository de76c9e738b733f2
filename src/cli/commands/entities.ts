/**
 * `watchdesk entities [--json] [--type T] [--name S]`, `watchdesk entity <key> [--json]` and
 * `watchdesk export-entities [--format ftm|csv] [--out file] [--whole-list]`.
 */
import { createWriteStream } from "node:fs";
import { Option } from "commander";
import { type EntityExportFormat, exportEntities, getEntity, listEntities } from "../../app/entities.js";
import { WatchdeskError } from "../../errors.js";
import type { EntityType, SanctionsLink } from "../../types.js";
import { printJson, type RegisterCommand } from "../context.js";

const TYPES: EntityType[] = ["PERSON", "ORG", "STATE", "PLACE", "WEAPON", "VESSEL", "EVENT"];

function parseType(value: string): EntityType {
  const t = value.toUpperCase() as EntityType;
  if (!TYPES.includes(t)) {
    throw new WatchdeskError("BAD_ENTITY_TYPE", `unknown entity type "${value}"`, {
      input: value,
      hint: `one of ${TYPES.join(", ")}`,
      exitCode: 2,
    });
  }
  return t;
}

export function parseThreshold(value: string): number {
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

/** "name=1 alias=1 type=1 country=1": the feature breakdown of a link, as one line. */
export function describeFeatures(link: SanctionsLink): string {
  return Object.entries(link.features)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("entities")
    .description("canonical entities across stored articles, most mentioned first, with sanctions links")
    .option("--type <type>", `only this type (${TYPES.join(", ")})`, parseType)
    .option("--name <text>", "name or alias contains this text")
    .option("--limit <n>", "at most this many", (v) => Number.parseInt(v, 10))
    .option("--threshold <n>", "minimum sanctions link score, 0..1", parseThreshold)
    .option("--json", "print JSON")
    .action(
      async (opts: {
        type?: EntityType;
        name?: string;
        limit?: number;
        threshold?: number;
        json?: boolean;
      }) => {
        const store = await ctx.openStore();
        try {
          const rows = await listEntities(
            store,
            {
              ...(opts.type ? { type: opts.type } : {}),
              ...(opts.name ? { name: opts.name } : {}),
              ...(opts.limit ? { limit: opts.limit } : {}),
            },
            opts.threshold !== undefined ? { threshold: opts.threshold } : {},
          );
          if (opts.json) {
            printJson(ctx.io, rows);
            return;
          }
          if (rows.length === 0) ctx.io.stdout("no entities (ingest some articles first)\n");
          for (const e of rows) {
            const aliases = e.aliases.filter((a) => a !== e.name).slice(0, 4);
            const parts = [
              `${e.key}\t${e.type}\t${e.name}`,
              `${e.mentionCount} mentions in ${e.articleCount} articles`,
              aliases.length ? `also: ${aliases.join(", ")}` : "",
              e.roles.length ? `roles: ${e.roles.slice(0, 2).join("; ")}` : "",
              e.sanctions[0] ? `sanctions: ${e.sanctions[0].reference} (${e.sanctions[0].score})` : "",
            ].filter(Boolean);
            ctx.io.stdout(`${parts.join("\t")}\n`);
          }
        } finally {
          await store.close();
        }
      },
    );

  program
    .command("entity <key>")
    .description(
      "one entity: spellings and the rule that joined each, roles, articles, claims, sanctions links",
    )
    .option("--threshold <n>", "minimum sanctions link score, 0..1", parseThreshold)
    .option("--json", "print JSON")
    .action(async (key: string, opts: { json?: boolean; threshold?: number }) => {
      const store = await ctx.openStore();
      try {
        const e = await getEntity(
          store,
          key,
          opts.threshold !== undefined ? { threshold: opts.threshold } : {},
        );
        if (opts.json) {
          printJson(ctx.io, e);
          return;
        }
        const lines = [
          `${e.name} (${e.type}${e.country ? `, ${e.country}` : ""})  ${e.key}`,
          `${e.mentionCount} mentions in ${e.articleCount} articles; ${e.claims.length} claims`,
          `roles: ${e.roles.join("; ") || "-"}`,
          "spellings:",
          ...e.spellings.map(
            (s) =>
              `  ${s.form}  ${s.mentions}× in ${s.articles} articles  via ${s.via.join(", ")}  — ${s.rule.join(", ")}`,
          ),
          ...(e.sanctions.length === 0
            ? ["sanctions: no candidate at or above the threshold"]
            : e.sanctions.map(
                (s) => `sanctions: ${s.reference} ${s.name} (score ${s.score}: ${describeFeatures(s)})`,
              )),
          `articles: ${e.articleIds.join(", ")}`,
        ];
        ctx.io.stdout(`${lines.join("\n")}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command("export-entities")
    .description("export entities and their sanctions links as FollowTheMoney JSON lines or CSV")
    .addOption(
      new Option("--format <format>", "ftm (JSON lines) or csv").choices(["ftm", "csv"]).default("ftm"),
    )
    .option("--out <file>", "write to this file instead of standard output")
    .option("--whole-list", "ftm: also write every sanctions-list record, not only the linked ones")
    .option("--threshold <n>", "minimum sanctions link score, 0..1", parseThreshold)
    .action(
      async (opts: { format: EntityExportFormat; out?: string; wholeList?: boolean; threshold?: number }) => {
        const store = await ctx.openStore();
        try {
          const options = {
            ...(opts.wholeList ? { wholeList: true } : {}),
            ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
          };
          if (!opts.out) {
            await exportEntities(store, opts.format, (chunk) => ctx.io.stdout(chunk), options);
            return;
          }
          const file = createWriteStream(opts.out);
          const done = new Promise<void>((resolve, reject) => {
            file.on("error", reject);
            file.on("finish", resolve);
          });
          const count = await exportEntities(store, opts.format, (chunk) => file.write(chunk), options);
          file.end();
          await done.catch((error: unknown) => {
            throw new WatchdeskError(
              "WRITE_FAILED",
              `could not write the export: ${(error as Error).message}`,
              {
                input: opts.out,
                hint: "check that the folder exists and is writable",
              },
            );
          });
          ctx.io.stderr(`wrote ${count} records to ${opts.out}\n`);
        } finally {
          await store.close();
        }
      },
    );
};

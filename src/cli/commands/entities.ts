/** `watchdesk entities [--json] [--type T] [--name S]` and `watchdesk entity <key> [--json]` */
import { getEntity, listEntities } from "../../app/entities.js";
import { WatchdeskError } from "../../errors.js";
import type { EntityType } from "../../types.js";
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

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("entities")
    .description("entities across stored articles, most mentioned first")
    .option("--type <type>", `only this type (${TYPES.join(", ")})`, parseType)
    .option("--name <text>", "name or alias contains this text")
    .option("--json", "print JSON")
    .action(async (opts: { type?: EntityType; name?: string; json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const rows = await listEntities(store, {
          ...(opts.type ? { type: opts.type } : {}),
          ...(opts.name ? { name: opts.name } : {}),
        });
        if (opts.json) printJson(ctx.io, rows);
        else
          for (const e of rows)
            ctx.io.stdout(
              `${e.key}\t${e.type}\t${e.name}\t${e.mentionCount} mentions in ${e.articleCount} articles\n`,
            );
      } finally {
        await store.close();
      }
    });

  program
    .command("entity <key>")
    .description("one entity: aliases, roles, articles, claims, sanctions links")
    .option("--json", "print JSON")
    .action(async (key: string, opts: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const e = await getEntity(store, key);
        if (opts.json) {
          printJson(ctx.io, e);
          return;
        }
        const lines = [
          `${e.name} (${e.type}${e.country ? `, ${e.country}` : ""})  ${e.key}`,
          `aliases: ${e.aliases.join("; ")}`,
          `roles: ${e.roles.join("; ") || "-"}`,
          `${e.mentionCount} mentions in ${e.articleCount} articles; ${e.claims.length} claims`,
          ...e.sanctions.map((s) => `sanctions: ${s.reference} ${s.name} (score ${s.score})`),
        ];
        ctx.io.stdout(`${lines.join("\n")}\n`);
      } finally {
        await store.close();
      }
    });
};

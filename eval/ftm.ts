/**
 * Validate the FollowTheMoney export against ../shared/data/ftm-schema: every property name must exist on
 * the schema (or one it extends) and every required property must be present. The schema YAML files have a
 * regular layout (2-space sections, 4-space property names), read here line by line because no YAML
 * library is installed and these few keys are all we need.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { articlesToFtm, type FtmEntity, parseSanctionsXml, sanctionsToFtm } from "../src/link/index.js";
import type { EvalSuite } from "./types.js";

interface SchemaDef {
  extends: string[];
  required: string[];
  properties: string[];
}

export function readSchemas(dir: string): Map<string, SchemaDef> {
  const out = new Map<string, SchemaDef>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const def: SchemaDef = { extends: [], required: [], properties: [] };
    let section = "";
    let name = "";
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const top = line.match(/^(\w+):\s*$/);
      if (top) {
        name = top[1] ?? "";
        continue;
      }
      const sec = line.match(/^ {2}(\w+):/);
      if (sec) {
        section = sec[1] ?? "";
        continue;
      }
      const item = line.match(/^ {4}- (\w+)\s*$/);
      if (item && (section === "extends" || section === "required")) def[section].push(item[1] ?? "");
      const prop = line.match(/^ {4}(\w+):/);
      if (prop && section === "properties") def.properties.push(prop[1] ?? "");
    }
    if (name) out.set(name, def);
  }
  return out;
}

function inherited(
  schemas: Map<string, SchemaDef>,
  name: string,
  key: "properties" | "required",
): Set<string> {
  const def = schemas.get(name);
  if (!def) return new Set();
  const out = new Set(def[key]);
  for (const parent of def.extends) for (const p of inherited(schemas, parent, key)) out.add(p);
  return out;
}

/** Problems with an export: unknown schema, unknown property, missing required property. */
export function validateFtm(schemas: Map<string, SchemaDef>, entities: FtmEntity[]): string[] {
  const problems: string[] = [];
  for (const e of entities) {
    if (!schemas.has(e.schema)) {
      problems.push(`${e.id}: unknown schema ${e.schema}`);
      continue;
    }
    const known = inherited(schemas, e.schema, "properties");
    for (const p of Object.keys(e.properties))
      if (!known.has(p)) problems.push(`${e.id}: ${e.schema} has no property ${p}`);
    for (const r of inherited(schemas, e.schema, "required"))
      if (!e.properties[r]?.length) problems.push(`${e.id}: ${e.schema} requires ${r}`);
  }
  return problems;
}

export const suite: EvalSuite = {
  name: "ftm",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const schemas = readSchemas(join(ctx.sharedDir, "data/ftm-schema"));
    const list = parseSanctionsXml(
      readFileSync(join(ctx.sharedDir, "data/sanctions/un-consolidated-2026-05-08.xml"), "utf8"),
      "un.xml",
    );
    const exported = [
      ...sanctionsToFtm(list),
      ...articlesToFtm([
        {
          id: "eval-article",
          title: "Synthetic article",
          url: "https://example.org/a",
          published: "2030-01-01",
          entities: [
            {
              id: "e1",
              name: "Ri Won Ho",
              type: "PERSON",
              aliases: ["Ri Won Ho"],
              mentions: [],
              roles: [],
              gender: "male",
              key: "person:ri-won-ho",
              sanctions: [{ reference: "KPi.033", name: "RI WON HO", score: 1, features: {} }],
            },
          ],
        },
      ]),
    ];
    const problems = validateFtm(schemas, exported);
    for (const p of problems.slice(0, 10)) ctx.log(`ftm: ${p}`);
    return [
      {
        suite: "ftm",
        name: "FtM export schema violations",
        value: problems.length,
        threshold: 0,
        direction: "max",
        detail: `${exported.length} entities checked against ${schemas.size} schemata`,
      },
    ];
  },
};

/**
 * Validate the FollowTheMoney export against ../shared/data/ftm-schema: every property name must exist on
 * the schema (or one it extends), every required property must be present, values must respect `maxLength`,
 * and every entity-typed property (Mention.document/resolved, Sanction.entity, UnknownLink.subject/object…)
 * must point at a record of the export whose schema is the property's `range` or extends it. The export
 * checked is the one `watchdesk export-entities` writes: the UN list records, and real articles (both seeds
 * and 60 KCNA stories, analyzed by the pipeline and linked against the list) with the entities they mention.
 * The schema YAML files have a regular layout (2-space sections, 4-space property names, 6-space property
 * fields), read here line by line because no YAML library is installed and these few keys are all we need.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expandInputs, readInput } from "../src/ingest/index.js";
import {
  type ArticleRef,
  articlesToFtm,
  buildSanctionsIndex,
  type FtmEntity,
  linkEntities,
  parseSanctionsXml,
  sanctionsToFtm,
} from "../src/link/index.js";
import { analyze } from "../src/pipeline.js";
import type { EvalSuite } from "./types.js";

interface PropertyDef {
  type: string | null;
  range: string | null;
  maxLength: number | null;
}

interface SchemaDef {
  extends: string[];
  required: string[];
  properties: string[];
  defs: Map<string, PropertyDef>;
}

export function readSchemas(dir: string): Map<string, SchemaDef> {
  const out = new Map<string, SchemaDef>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const def: SchemaDef = { extends: [], required: [], properties: [], defs: new Map() };
    let section = "";
    let name = "";
    let prop: PropertyDef | null = null;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const top = line.match(/^(\w+):\s*$/);
      if (top) {
        name = top[1] ?? "";
        continue;
      }
      const sec = line.match(/^ {2}(\w+):/);
      if (sec) {
        section = sec[1] ?? "";
        prop = null;
        continue;
      }
      const item = line.match(/^ {4}- (\w+)\s*$/);
      if (item && (section === "extends" || section === "required")) def[section].push(item[1] ?? "");
      const p = line.match(/^ {4}(\w+):/);
      if (p && section === "properties") {
        def.properties.push(p[1] ?? "");
        prop = { type: null, range: null, maxLength: null };
        def.defs.set(p[1] ?? "", prop);
        continue;
      }
      const field = line.match(/^ {6}(type|range|maxLength):\s*(\S+)/);
      if (field && prop) {
        if (field[1] === "maxLength") prop.maxLength = Number(field[2]);
        else prop[field[1] as "type" | "range"] = field[2] ?? null;
      }
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

function propertyDef(schemas: Map<string, SchemaDef>, schema: string, prop: string): PropertyDef | null {
  const def = schemas.get(schema);
  if (!def) return null;
  const own = def.defs.get(prop);
  if (own) return own;
  for (const parent of def.extends) {
    const found = propertyDef(schemas, parent, prop);
    if (found) return found;
  }
  return null;
}

function isA(schemas: Map<string, SchemaDef>, schema: string, range: string): boolean {
  if (schema === range) return true;
  return (schemas.get(schema)?.extends ?? []).some((p) => isA(schemas, p, range));
}

/** Problems with an export: unknown schema or property, missing required property, too long a value,
 * and entity references that point nowhere or at a record of the wrong schema. */
export function validateFtm(schemas: Map<string, SchemaDef>, entities: FtmEntity[]): string[] {
  const problems: string[] = [];
  const byId = new Map(entities.map((e) => [e.id, e]));
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
    for (const [p, values] of Object.entries(e.properties)) {
      const def = propertyDef(schemas, e.schema, p);
      if (!def) continue;
      for (const v of values) {
        if (def.maxLength !== null && v.length > def.maxLength)
          problems.push(`${e.id}: ${e.schema}.${p} "${v}" longer than ${def.maxLength}`);
        if (def.type !== "entity") continue;
        const target = byId.get(v);
        if (!target) problems.push(`${e.id}: ${e.schema}.${p} points at missing ${v}`);
        else if (def.range && !isA(schemas, target.schema, def.range))
          problems.push(`${e.id}: ${e.schema}.${p} must be a ${def.range}, not a ${target.schema}`);
      }
    }
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
    // Real articles, analyzed and linked as `export-entities` does it.
    const index = buildSanctionsIndex(list);
    const articles: ArticleRef[] = [];
    const inputs = [
      ...readdirSync(join(ctx.sharedDir, "seeds"))
        .filter((f) => f.endsWith(".txt"))
        .map((f) => join(ctx.sharedDir as string, "seeds", f)),
      join(ctx.sharedDir, "data/corpus/kcna-2024.jsonl"),
    ];
    const { items } = await expandInputs(inputs);
    let kcna = 0;
    for (const item of items) {
      for await (const doc of readInput(item)) {
        if (!("content" in doc)) continue;
        if (doc.kind === "jsonl" && kcna++ >= 60) break;
        const r = analyze(doc);
        articles.push({
          id: r.article.id,
          title: r.article.title,
          url: r.article.url,
          published: r.article.published,
          entities: linkEntities(r.entities, index),
        });
      }
    }
    // And one synthetic article naming a vessel (the corpora name none), to cover Vessel and UnknownLink.
    articles.push({
      id: "eval-vessel",
      title: "Synthetic article",
      url: "https://example.org/a",
      published: "2030-01-01",
      entities: [
        {
          id: "e1",
          name: "Sea Lark",
          type: "VESSEL",
          aliases: ["Sea Lark"],
          mentions: [],
          roles: [],
          gender: "unknown",
          key: "vessel:sea-lark",
          imo: "1234567",
        },
      ],
    });
    const exported = [...sanctionsToFtm(list), ...articlesToFtm(articles)];
    const counts = new Map<string, number>();
    for (const e of exported) counts.set(e.schema, (counts.get(e.schema) ?? 0) + 1);
    ctx.log(`ftm: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    const problems = validateFtm(schemas, exported);
    for (const p of problems.slice(0, 10)) ctx.log(`ftm: ${p}`);
    return [
      {
        suite: "ftm",
        name: "FtM export schema violations",
        value: problems.length,
        threshold: 0,
        direction: "max",
        detail: `${exported.length} records (${articles.length} articles) checked against ${schemas.size} schemata, with references and ranges`,
      },
    ];
  },
};

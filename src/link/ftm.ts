/**
 * FollowTheMoney (FtM) export: the sanctions list as Person / Organization / Vessel entities with a
 * Sanction each (entity, unscId, program…), and articles as Article entities tied to the entities they
 * mention through Mention records. One JSON object per line; property values are arrays of strings, as
 * FtM expects. CSV gives a flat table of the same records.
 */
import { createHash } from "node:crypto";
import type { Entity, SanctionsEntry, SanctionsList } from "../types.js";
import { countryCode } from "./countries.js";

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const AUTHORITY = "United Nations Security Council";

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function hashId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 16)}`;
}

/** The FtM id of a list entry (stable across exports). */
export function entryId(entry: SanctionsEntry): string {
  return `unsc-${slug(entry.reference)}`;
}

function props(values: Record<string, (string | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    const kept = [...new Set(v.filter((x): x is string => typeof x === "string" && x.trim() !== ""))];
    if (kept.length > 0) out[k] = kept;
  }
  return out;
}

const lowerCode = (name: string) => countryCode(name)?.toLowerCase() ?? null;

export function sanctionsToFtm(list: SanctionsList): FtmEntity[] {
  const out: FtmEntity[] = [];
  for (const e of list.entries) {
    const id = entryId(e);
    if (e.kind === "person") {
      out.push({
        id,
        schema: "Person",
        properties: props({
          name: [e.name],
          alias: e.aliases,
          nationality: e.nationality.map(lowerCode),
          birthDate: e.birthDates,
          notes: [e.comments],
        }),
      });
    } else if (e.kind === "entity") {
      out.push({
        id,
        schema: "Organization",
        properties: props({
          name: [e.name],
          alias: e.aliases,
          country: e.nationality.map(lowerCode),
          imoNumber: [e.imo],
          notes: [e.comments],
        }),
      });
    } else {
      // Derived vessels: the list's IMO numbers belong to the company, so none is set on the ship.
      out.push({
        id,
        schema: "Vessel",
        properties: props({ name: [e.name], alias: e.aliases, imoNumber: [e.imo], notes: [e.comments] }),
      });
    }
    out.push({
      id: `${id}-sanction`,
      schema: "Sanction",
      properties: props({
        entity: [id],
        authority: [AUTHORITY],
        // Derived vessels carry the company's reference before "/vessel/".
        unscId: [e.reference.split("/")[0]],
        program: [e.regime],
        listingDate: [e.listedOn],
      }),
    });
  }
  return out;
}

export interface ArticleRef {
  id: string;
  title: string;
  url: string | null;
  published: string | null;
  entities: Entity[];
}

const SCHEMA_FOR: Partial<Record<Entity["type"], "Person" | "Organization" | "Vessel">> = {
  PERSON: "Person",
  ORG: "Organization",
  VESSEL: "Vessel",
};

/** The FtM id of an article entity: the list record it is linked to, else one from its canonical key. */
export function entityFtmId(e: Pick<Entity, "key" | "sanctions">): string {
  const link = e.sanctions?.[0];
  return link ? `unsc-${slug(link.reference)}` : hashId("entity", e.key);
}

/**
 * Articles and the people, organisations and vessels they mention. An entity linked to the list points at
 * the list's FtM id, so the article joins the sanctions graph; others get a Person/Organization/Vessel of
 * their own, with an id from their canonical key (the same in every article). People and organisations are
 * tied to the article by a Mention (FtM's extracted-name record, whose `resolved` must be a LegalEntity);
 * vessels, which are not legal entities, by an UnknownLink with the role "mentioned in".
 */
export function articlesToFtm(articles: ArticleRef[]): FtmEntity[] {
  const out: FtmEntity[] = [];
  const own = new Set<string>();
  for (const a of articles) {
    const articleId = `article-${slug(a.id)}`;
    out.push({
      id: articleId,
      schema: "Article",
      // Thing requires `name` and Document `fileName`: the title, and the article id as a file name.
      properties: props({
        name: [a.title || a.id],
        fileName: [`${a.id}.txt`],
        title: [a.title],
        sourceUrl: [a.url],
        publishedAt: [a.published],
      }),
    });
    for (const e of a.entities) {
      const schema = SCHEMA_FOR[e.type];
      if (!schema) continue;
      const resolved = entityFtmId(e);
      if (!e.sanctions?.length && !own.has(resolved)) {
        own.add(resolved);
        out.push({
          id: resolved,
          schema,
          properties: props({
            name: [e.name],
            alias: e.aliases.filter((x) => x !== e.name),
            ...(schema === "Person" ? { nationality: [e.country?.toLowerCase()] } : {}),
            ...(schema === "Organization" ? { country: [e.country?.toLowerCase()] } : {}),
            ...(schema === "Vessel" ? { imoNumber: [e.imo], flag: [e.country?.toLowerCase()] } : {}),
            notes: [`Watchdesk entity ${e.key}`],
          }),
        });
      }
      if (schema === "Vessel") {
        out.push({
          id: hashId("link", a.id, e.key),
          schema: "UnknownLink",
          properties: props({ subject: [resolved], object: [articleId], role: ["mentioned in"] }),
        });
        continue;
      }
      out.push({
        id: hashId("mention", a.id, e.key),
        schema: "Mention",
        properties: props({
          document: [articleId],
          resolved: [resolved],
          name: [e.name, ...e.aliases],
          detectedSchema: [schema],
        }),
      });
    }
  }
  return out;
}

export function toJsonLines(entities: FtmEntity[]): string {
  return entities.map((e) => JSON.stringify(e)).join("\n") + (entities.length > 0 ? "\n" : "");
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per entity: id, schema, then each property (multiple values joined with "; "). */
export function toCsv(entities: FtmEntity[]): string {
  const keys = [...new Set(entities.flatMap((e) => Object.keys(e.properties)))].sort();
  const header = ["id", "schema", ...keys];
  const rows = entities.map((e) => [e.id, e.schema, ...keys.map((k) => (e.properties[k] ?? []).join("; "))]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

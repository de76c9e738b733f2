/**
 * How an AnalyzedArticle is laid out in rows, and read back. Shared by both engines: the indexed columns are
 * what queries filter on; the `json` columns keep each record whole, so reading gives back exactly what was
 * stored.
 */
import type { Insertable } from "kysely";
import type { AnalyzedArticle } from "../types.js";
import {
  type ArticlesTable,
  type AttributionsTable,
  type ClaimActorsTable,
  type ClaimsTable,
  type EntitiesTable,
  type EntityNamesTable,
  type EntityStatsTable,
  type EntityVariantsTable,
  type FlagsTable,
  namesColumn,
  parseJson,
  partyActor,
} from "./schema.js";
import type { StoredArticle } from "./types.js";

export interface ArticleRows {
  article: Insertable<ArticlesTable>;
  entities: Insertable<EntitiesTable>[];
  claims: Insertable<ClaimsTable>[];
  claimActors: Insertable<ClaimActorsTable>[];
  entityNames: Insertable<EntityNamesTable>[];
  /** This article's contribution to `entity_stats` (article_count 1 per key). */
  entityStats: EntityStatsTable[];
  entityVariants: EntityVariantsTable[];
  attributions: Insertable<AttributionsTable>[];
  flags: Insertable<FlagsTable>[];
}

/**
 * NUL characters cannot be stored by Postgres (neither in text nor in JSONB). Both engines replace them with
 * U+FFFD, a single UTF-16 unit like NUL, so every offset into the body still points at the same text.
 */
export function withoutNul(doc: AnalyzedArticle): AnalyzedArticle {
  const json = JSON.stringify(doc);
  return json.includes("\\u0000")
    ? (JSON.parse(json.replaceAll("\\u0000", "\\ufffd")) as AnalyzedArticle)
    : doc;
}

export function articleRows(input: AnalyzedArticle, ingestedAt: string): ArticleRows {
  const doc = withoutNul(input);
  const a = doc.article;
  const articleId = a.id;
  const stripped: AnalyzedArticle = { ...doc, article: { ...a, body: "" } };
  const claimActors: Insertable<ClaimActorsTable>[] = [];
  doc.claims.forEach((claim, idx) => {
    const actors = new Set(claim.actors);
    for (const party of [claim.subject, claim.object, claim.holder]) if (party) actors.add(partyActor(party));
    for (const actor of actors) claimActors.push({ article_id: articleId, claim_idx: idx, actor });
  });
  const names = new Map<string, Insertable<EntityNamesTable>>();
  for (const e of doc.entities) {
    for (const name of [e.name, ...e.aliases]) {
      const row = { key: e.key, name_lc: name.toLowerCase() };
      names.set(`${row.key}\0${row.name_lc}`, row);
    }
  }
  return {
    article: {
      id: articleId,
      source: a.source,
      url: a.url,
      title: a.title,
      outlet: a.outlet,
      claimed_source: a.claimedSource,
      published: a.published,
      ingested_at: ingestedAt,
      entity_count: doc.entities.length,
      claim_count: doc.claims.length,
      flag_count: doc.flags.length,
      body: a.body,
      doc: JSON.stringify(stripped),
    },
    entities: doc.entities.map((e, idx) => ({
      article_id: articleId,
      idx,
      local_id: e.id,
      key: e.key,
      name: e.name,
      type: e.type,
      aliases: JSON.stringify(e.aliases),
      roles: JSON.stringify(e.roles),
      names_lc: namesColumn([e.name, ...e.aliases]),
      mention_count: e.mentions.length,
      json: JSON.stringify(e),
    })),
    claims: doc.claims.map((c, idx) => ({
      article_id: articleId,
      idx,
      type: c.type,
      subject: c.subject,
      object: c.object,
      item: c.item,
      holder: c.holder,
      stance: c.stance,
      when_: c.when,
      parties_lc: namesColumn([c.subject, c.object, c.holder]),
      json: JSON.stringify(c),
    })),
    claimActors,
    entityNames: [...names.values()],
    ...entityTotals([doc]),
    attributions: doc.attributions.map((t, idx) => ({
      article_id: articleId,
      idx,
      speaker: t.speaker,
      speaker_key: t.speakerKey,
      json: JSON.stringify(t),
    })),
    flags: doc.flags.map((f, idx) => ({ article_id: articleId, idx, kind: f.kind, json: JSON.stringify(f) })),
  };
}

/**
 * Entity totals of some articles, summed per key (and per key, kind and value), sorted by key so concurrent
 * writers upsert shared rows in one order and cannot deadlock.
 */
export function entityTotals(docs: readonly AnalyzedArticle[]): {
  entityStats: EntityStatsTable[];
  entityVariants: EntityVariantsTable[];
} {
  const stats = new Map<string, EntityStatsTable>();
  const variants = new Map<string, EntityVariantsTable>();
  const count = (key: string, kind: EntityVariantsTable["kind"], value: string) => {
    const id = `${key}\0${kind}\0${value}`;
    const row = variants.get(id);
    if (row) row.n++;
    else variants.set(id, { key, kind, value, n: 1 });
  };
  for (const doc of docs) {
    const keysHere = new Set<string>();
    for (const e of doc.entities) {
      const row = stats.get(e.key) ?? { key: e.key, article_count: 0, mention_count: 0 };
      if (!keysHere.has(e.key)) row.article_count++;
      keysHere.add(e.key);
      row.mention_count += e.mentions.length;
      stats.set(e.key, row);
      count(e.key, "name", e.name);
      count(e.key, "type", e.type);
      for (const alias of new Set(e.aliases)) count(e.key, "alias", alias);
      for (const role of new Set(e.roles)) count(e.key, "role", role);
    }
  }
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    entityStats: [...stats.values()].sort(byKey),
    entityVariants: [...variants.values()].sort(
      (a, b) =>
        byKey(a, b) ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    ),
  };
}

export function storedArticle(row: { doc: unknown; body: string; ingested_at: string }): StoredArticle {
  const doc = parseJson<AnalyzedArticle>(row.doc);
  return { ...doc, article: { ...doc.article, body: row.body }, ingestedAt: row.ingested_at };
}

/** Split rows into chunks small enough for one multi-row INSERT (SQLite caps bound parameters). */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

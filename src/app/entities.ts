/**
 * Use cases for entities across the stored articles: the list (with sanctions links against the stored
 * list), one entity's page (with the spellings that were joined and the rule that joined each), and the
 * export as FollowTheMoney JSON lines or CSV.
 *
 * Sanctions links are computed when asked, against the list currently in the store, so re-importing a
 * new list changes them at once without re-ingesting any article.
 */
import { WatchdeskError } from "../errors.js";
import { explainKey, GAZETTEER } from "../extract/entities/index.js";
import {
  articlesToFtm,
  DEFAULT_THRESHOLD,
  type FtmEntity,
  type MatchOptions,
  matchEntity,
  type SanctionsIndex,
  sanctionsToFtm,
  toJsonLines,
} from "../link/index.js";
import type { EntityQuery, EntitySummary, PageQuery, Store, StoredClaim } from "../store/types.js";
import type { Entity, EntityType, SanctionsLink, SanctionsList } from "../types.js";
import { csvRow } from "./export.js";
import { cachedIndex } from "./sanctions.js";

/** A canonical entity in the list: the store's summary plus its candidate links to the sanctions list. */
export interface EntityListItem extends EntitySummary {
  /** Candidate links at or above the threshold, best first (empty when no list has been imported). */
  sanctions: SanctionsLink[];
}

export interface EntityLinkOptions {
  /** Minimum link score (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** Only entries of these regimes ("DPRK"). */
  regimes?: string[];
}

/** Types a sanctions-list record can be: only these are matched. */
const LINKABLE: ReadonlySet<EntityType> = new Set(["PERSON", "ORG", "VESSEL"]);

function matchOptions(options: EntityLinkOptions): MatchOptions {
  return {
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    ...(options.regimes ? { regimes: options.regimes } : {}),
  };
}

/** Link one entity (as far as the store knows it) against an index. */
function linksFor(
  entity: Pick<Entity, "name" | "type" | "aliases"> & { country?: string | null; imo?: string | null },
  index: SanctionsIndex | null,
  options: EntityLinkOptions,
): SanctionsLink[] {
  if (!index || !LINKABLE.has(entity.type)) return [];
  return matchEntity(entity, index, matchOptions(options));
}

async function storedIndex(store: Store): Promise<{ list: SanctionsList; index: SanctionsIndex } | null> {
  const list = await store.getSanctionsList();
  return list ? { list, index: cachedIndex(list) } : null;
}

/** Canonical entities, most mentioned first, each with its sanctions candidates. */
export async function listEntities(
  store: Store,
  query: EntityQuery = {},
  options: EntityLinkOptions = {},
): Promise<EntityListItem[]> {
  const rows = await store.listEntities(query);
  const linked = await storedIndex(store);
  return rows.map((e) => ({
    ...e,
    sanctions: linksFor({ name: e.name, type: e.type, aliases: e.aliases }, linked?.index ?? null, options),
  }));
}

/** One way the entity was written, and why it was joined to the entity. */
export interface EntitySpelling {
  form: string;
  mentions: number;
  articles: number;
  /** How mentions in this spelling were tied to the entity in their article ("name", "alias", "surname"…). */
  via: string[];
  /**
   * The rule that gives this spelling the entity's canonical key: "gazetteer alias", "gazetteer metonym",
   * or the spelling folds it needed ("hyphen/space", "case", "family name Park→pak", "b→p"…); "same
   * article" for mentions tied by coreference in one article (a bare surname, a descriptor).
   */
  rule: string[];
}

/** Which part of a long list a detail holds. */
export interface ListPage {
  offset: number;
  /** Null: everything from `offset` on. */
  limit: number | null;
  /** How many there are in all. */
  total: number;
}

export interface EntityDetail {
  key: string;
  name: string;
  type: EntityType;
  country: string | null;
  /** Every surface form seen, most frequent first. */
  aliases: string[];
  /** Roles seen across articles, most frequent first. */
  roles: string[];
  /** How mentions were tied to the entity ("name", "alias", "surname"…) and how often. */
  via: Record<string, number>;
  /** Each spelling with its counts and the rule that joined it (which rule merged what). */
  spellings: EntitySpelling[];
  mentionCount: number;
  articleCount: number;
  /** Per-article occurrences in all (one per article, unless an article names it under two unlinked names). */
  occurrenceCount: number;
  /** The articles of the page of occurrences asked for (`pages.occurrences`), in ingest order. */
  articleIds: string[];
  /** Claims naming it in all. */
  claimCount: number;
  /** The page of claims naming it asked for (`pages.claims`), in ingest order. */
  claims: StoredClaim[];
  sanctions: SanctionsLink[];
  /** Which part of the occurrences (`articleIds`) and of the claims this detail holds. */
  pages: { occurrences: ListPage; claims: ListPage };
}

/** Which part of an entity's articles and claims `getEntity` reads (default: all of both). */
export interface EntityPageOptions {
  occurrences?: PageQuery;
  claims?: PageQuery;
}

function listPage(page: PageQuery | undefined, total: number): ListPage {
  const offset = page?.offset !== undefined && page.offset > 0 ? Math.floor(page.offset) : 0;
  const limit = page?.limit !== undefined && page.limit >= 0 ? Math.floor(page.limit) : null;
  return { offset, limit, total };
}

function pageQuery(page: ListPage): PageQuery {
  return page.limit === null ? { offset: page.offset } : { offset: page.offset, limit: page.limit };
}

function byCount(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

const GAZETTEER_BY_KEY = new Map(GAZETTEER.map((g) => [g.key, g]));

/** Why `form` carries `key`: the gazetteer's word for it, or the spelling folds of the derived key. */
export function spellingRule(key: string, form: string, via: string[]): string[] {
  if (via.every((v) => v === "surname" || v === "description" || v === "pronoun")) return ["same article"];
  const entry = GAZETTEER_BY_KEY.get(key);
  const lower = form.toLowerCase();
  if (entry) {
    const listed = (forms: string[] | undefined) =>
      (forms ?? []).some((f) => f.toLowerCase().replace(/[-\s]+/g, " ") === lower.replace(/[-\s]+/g, " "));
    if (listed(entry.metonyms)) return ["gazetteer metonym"];
    if (listed(entry.demonyms)) return ["gazetteer demonym"];
    if (listed(entry.aliases)) {
      const exact = entry.aliases.some((a) => a === form);
      return exact ? ["gazetteer alias"] : ["gazetteer alias", ...explainKey(form).rules];
    }
    return ["gazetteer alias (spelling fold)", ...explainKey(form).rules];
  }
  const rules = explainKey(form).rules;
  return rules.length > 0 ? rules : ["exact name"];
}

/**
 * One entity by canonical key; throws ENTITY_NOT_FOUND when no article mentions it. Its totals, spellings,
 * roles and sanctions links cover every occurrence (the store sums them into one small record); its articles
 * and claims come a page at a time when `pages` asks for one, so an entity named in half the corpus costs
 * about what a rare one does.
 */
export async function getEntity(
  store: Store,
  key: string,
  options: EntityLinkOptions & { pages?: EntityPageOptions } = {},
): Promise<EntityDetail> {
  const profile = await store.getEntityProfile(key);
  if (!profile) {
    throw new WatchdeskError("ENTITY_NOT_FOUND", `no entity with key "${key}"`, {
      input: key,
      hint: "list keys with `watchdesk entities`",
    });
  }
  const claimCount = await store.countClaims({ entity: key });
  const pages = {
    occurrences: listPage(options.pages?.occurrences, profile.occurrenceCount),
    claims: listPage(options.pages?.claims, claimCount),
  };
  const [occurrences, claims, linked] = await Promise.all([
    store.getEntityOccurrences(key, pageQuery(pages.occurrences)),
    store.listClaims({ entity: key, ...pageQuery(pages.claims) }),
    storedIndex(store),
  ]);
  const aliases = new Map<string, number>();
  const via: Record<string, number> = {};
  for (const f of profile.forms) {
    aliases.set(f.form, f.mentions);
    for (const [how, n] of Object.entries(f.via)) via[how] = (via[how] ?? 0) + n;
  }
  const sanctions = new Map(profile.sanctions.map((s) => [s.reference, s]));
  const entity = {
    name: profile.name,
    type: profile.type,
    aliases: byCount(aliases),
    country: profile.country,
    imo: profile.imo,
  };
  for (const s of linksFor(entity, linked?.index ?? null, options)) sanctions.set(s.reference, s);
  const spellings: EntitySpelling[] = profile.forms
    .map((f) => {
      const ways = Object.keys(f.via).sort();
      return {
        form: f.form,
        mentions: f.mentions,
        articles: f.articles,
        via: ways,
        rule: spellingRule(key, f.form, ways),
      };
    })
    .sort((a, b) => b.mentions - a.mentions || a.form.localeCompare(b.form));
  return {
    key,
    name: profile.name,
    type: profile.type,
    country: profile.country,
    aliases: entity.aliases,
    roles: byCount(new Map(Object.entries(profile.roles))),
    via,
    spellings,
    mentionCount: profile.mentionCount,
    articleCount: profile.articleCount,
    occurrenceCount: profile.occurrenceCount,
    articleIds: [...new Set(occurrences.map((o) => o.articleId))],
    claimCount,
    claims,
    sanctions: [...sanctions.values()].sort((a, b) => b.score - a.score),
    pages,
  };
}

export type EntityExportFormat = "ftm" | "csv";

export interface EntityExportOptions extends EntityLinkOptions {
  /** FtM: also write every list record, not only the ones articles link to. */
  wholeList?: boolean;
}

const ENTITY_COLUMNS = [
  "key",
  "type",
  "name",
  "aliases",
  "roles",
  "mentions",
  "articles",
  "sanctions_reference",
  "sanctions_name",
  "sanctions_score",
  "sanctions_features",
] as const;

/**
 * Write the stored entities and their links. `ftm`: FollowTheMoney JSON lines — the linked list records
 * (Person, Organization, Vessel, each with its Sanction carrying `entity` and `unscId`), the articles, the
 * canonical entities they mention and a Mention (or, for vessels, an UnknownLink) per article and entity.
 * `csv`: one row per canonical entity with its best sanctions candidate. Returns the number of records.
 */
export async function exportEntities(
  store: Store,
  format: EntityExportFormat,
  write: (chunk: string) => void,
  options: EntityExportOptions = {},
): Promise<number> {
  const linked = await storedIndex(store);
  if (format === "csv") {
    write(csvRow([...ENTITY_COLUMNS]));
    let count = 0;
    for (const e of await listEntities(store, {}, options)) {
      const best = e.sanctions[0];
      write(
        csvRow([
          e.key,
          e.type,
          e.name,
          e.aliases.join("; "),
          e.roles.join("; "),
          e.mentionCount,
          e.articleCount,
          best?.reference ?? "",
          best?.name ?? "",
          best?.score ?? "",
          best
            ? Object.entries(best.features)
                .map(([k, v]) => `${k}=${v}`)
                .join(" ")
            : "",
        ]),
      );
      count += 1;
    }
    return count;
  }
  let count = 0;
  const seen = new Set<string>();
  const emit = (records: FtmEntity[]) => {
    const fresh = records.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    if (fresh.length > 0) write(toJsonLines(fresh));
    count += fresh.length;
  };
  const referenced = new Set<string>();
  const cache = new Map<string, SanctionsLink[]>();
  for await (const doc of store.iterateArticles(200)) {
    const entities = doc.entities
      .filter((e) => LINKABLE.has(e.type))
      .map((e) => {
        let links = cache.get(e.key);
        if (!links) {
          links = linksFor(e, linked?.index ?? null, options);
          cache.set(e.key, links);
        }
        for (const l of links) referenced.add(l.reference);
        return links.length > 0 ? { ...e, sanctions: links } : e;
      });
    emit(
      articlesToFtm([
        {
          id: doc.article.id,
          title: doc.article.title,
          url: doc.article.url,
          published: doc.article.published,
          entities,
        },
      ]),
    );
  }
  if (linked) {
    const entries = options.wholeList
      ? linked.list.entries
      : linked.list.entries.filter((e) => referenced.has(e.reference));
    emit(sanctionsToFtm({ ...linked.list, entries }));
  }
  return count;
}

/**
 * Use cases for the sanctions list: import (with a diff against the stored list), match the stored
 * entities, check one name (why it matches or not), link one analysis, diff two files.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { WatchdeskError } from "../errors.js";
import {
  buildSanctionsIndex,
  DEFAULT_THRESHOLD,
  diffSanctionsLists,
  linkEntities,
  matchEntity,
  parseSanctionsXml,
  type SanctionsDiff,
  type SanctionsIndex,
} from "../link/index.js";
import type { Store } from "../store/types.js";
import type { AnalyzedArticle, EntityType, SanctionsLink, SanctionsList } from "../types.js";

/**
 * The matcher's index for a list, built once per distinct list (pages and API calls ask for it on every
 * request; building it for the ~1,000-record UN list takes a noticeable fraction of a second). The key is
 * a digest of every record, so a re-imported list that differs in any field gets a fresh index.
 */
const INDEXES = new Map<string, SanctionsIndex>();
/** A list that cannot change (frozen by the desk's read cache) is known by its identity, not hashed again. */
const FROZEN = new WeakMap<SanctionsList, SanctionsIndex>();

export function cachedIndex(list: SanctionsList): SanctionsIndex {
  const known = FROZEN.get(list);
  if (known) return known;
  const hash = createHash("sha1");
  hash.update(list.generated);
  for (const e of list.entries) hash.update(`\u0000${JSON.stringify(e)}`);
  const key = hash.digest("hex");
  let index = INDEXES.get(key);
  if (!index) {
    if (INDEXES.size >= 4) INDEXES.clear();
    index = buildSanctionsIndex(list);
    INDEXES.set(key, index);
  }
  if (Object.isFrozen(list)) FROZEN.set(list, index);
  return index;
}

export async function readSanctionsFile(file: string): Promise<SanctionsList> {
  let xml: string;
  try {
    xml = await readFile(file, "utf8");
  } catch (cause) {
    throw new WatchdeskError("SANCTIONS_FILE_UNREADABLE", "cannot read the sanctions list", {
      input: file,
      hint: "give the path of the UN consolidated list XML",
      cause,
    });
  }
  return parseSanctionsXml(xml, file);
}

export interface ImportResult {
  entries: number;
  generated: string;
  diff: SanctionsDiff;
}

/** Parse `file`, store it as the current list, and say what changed since the stored one. */
export async function importSanctions(store: Store, file: string): Promise<ImportResult> {
  const list = await readSanctionsFile(file);
  const before = await store.getSanctionsList();
  await store.saveSanctionsList(list);
  return { entries: list.entries.length, generated: list.generated, diff: diffSanctionsLists(before, list) };
}

export async function diffSanctionsFiles(oldFile: string, newFile: string): Promise<SanctionsDiff> {
  return diffSanctionsLists(await readSanctionsFile(oldFile), await readSanctionsFile(newFile));
}

export interface EntityMatch {
  key: string;
  name: string;
  type: string;
  articleCount: number;
  links: SanctionsLink[];
}

export interface MatchSanctionsOptions {
  threshold?: number;
  regimes?: string[];
}

async function requireList(store: Store): Promise<SanctionsList> {
  const list = await store.getSanctionsList();
  if (!list) {
    throw new WatchdeskError("SANCTIONS_LIST_MISSING", "no sanctions list has been imported", {
      hint: "run `watchdesk sanctions import <consolidated.xml>` first",
    });
  }
  return list;
}

/**
 * Score every stored entity (people, organisations, vessels) against the stored list: the candidates at or
 * above the threshold, each with its feature breakdown, entities with the strongest link first.
 */
export async function matchSanctions(
  store: Store,
  options: MatchSanctionsOptions = {},
): Promise<EntityMatch[]> {
  const list = await requireList(store);
  const index = cachedIndex(list);
  const out: EntityMatch[] = [];
  for (const type of ["PERSON", "ORG", "VESSEL"] as const) {
    for (const e of await store.listEntities({ type })) {
      const links = matchEntity({ name: e.name, type: e.type, aliases: e.aliases }, index, {
        threshold: options.threshold ?? DEFAULT_THRESHOLD,
        ...(options.regimes ? { regimes: options.regimes } : {}),
      });
      if (links.length > 0)
        out.push({ key: e.key, name: e.name, type: e.type, articleCount: e.articleCount, links });
    }
  }
  return out.sort(
    (a, b) => (b.links[0]?.score ?? 0) - (a.links[0]?.score ?? 0) || a.name.localeCompare(b.name),
  );
}

export interface NameCheck {
  name: string;
  type: EntityType;
  threshold: number;
  /** The best candidates whatever their score, each saying whether it reaches the threshold. */
  candidates: (SanctionsLink & { linked: boolean })[];
}

const CHECK_TYPES: EntityType[] = ["PERSON", "ORG", "VESSEL"];

/**
 * Why a name links or does not: its best candidates in the stored list (or `list`), with every feature,
 * including those below the threshold. Throws BAD_ENTITY_TYPE for a type the list cannot hold.
 */
export async function checkName(
  store: Store | null,
  name: string,
  type: EntityType,
  options: MatchSanctionsOptions & { list?: SanctionsList; top?: number; country?: string } = {},
): Promise<NameCheck> {
  if (!CHECK_TYPES.includes(type)) {
    throw new WatchdeskError("BAD_ENTITY_TYPE", `a sanctions list holds no ${type} records`, {
      input: type,
      hint: `one of ${CHECK_TYPES.join(", ")}`,
      exitCode: 2,
    });
  }
  const list = options.list ?? (store ? await requireList(store) : null);
  if (!list) {
    throw new WatchdeskError("SANCTIONS_LIST_MISSING", "no sanctions list to check against", {
      hint: "import one with `watchdesk sanctions import <file>` or give --list <file>",
    });
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const links = matchEntity(
    { name, type, aliases: [name], ...(options.country ? { country: options.country } : {}) },
    cachedIndex(list),
    { threshold: 0, ...(options.regimes ? { regimes: options.regimes } : {}) },
  );
  return {
    name,
    type,
    threshold,
    candidates: links.slice(0, options.top ?? 5).map((l) => ({ ...l, linked: l.score >= threshold })),
  };
}

/**
 * The list `analyze` links against: `file` when given, else the list imported into `store` (null when
 * neither has one — analysis then carries no links).
 */
export async function sanctionsIndexFor(options: {
  file?: string;
  store?: Store | null;
}): Promise<SanctionsIndex | null> {
  if (options.file) return cachedIndex(await readSanctionsFile(options.file));
  const list = options.store ? await options.store.getSanctionsList() : null;
  return list ? cachedIndex(list) : null;
}

/** A copy of one analysis whose people, organisations and vessels carry their sanctions links (pure). */
export function linkAnalysis(
  doc: AnalyzedArticle,
  index: SanctionsIndex | null,
  options: MatchSanctionsOptions = {},
): AnalyzedArticle {
  if (!index) return doc;
  return {
    ...doc,
    entities: linkEntities(doc.entities, index, {
      threshold: options.threshold ?? DEFAULT_THRESHOLD,
      ...(options.regimes ? { regimes: options.regimes } : {}),
    }),
  };
}

/**
 * Score article entities against a sanctions list, in the spirit of OpenSanctions' matcher: each
 * candidate gets a per-feature breakdown and one score; links at or above a threshold are kept.
 * Candidates come from a token index (blocking) so only entries sharing a name token are scored.
 */
import type { Entity, EntityType, SanctionsEntry, SanctionsLink, SanctionsList } from "../types.js";
import { countryCode } from "./countries.js";
import {
  keyTokens,
  type PreparedName,
  personParts,
  personSimilarity,
  prepareName,
  preparedSimilarity,
} from "./normalize.js";

export interface SanctionsIndex {
  entries: SanctionsEntry[];
  /** token → indexes into `entries`. */
  tokens: Map<string, number[]>;
  /** Per entry: its name then its aliases, prepared for comparison. */
  prepared: PreparedName[][];
}

export interface MatchOptions {
  /** Minimum score to keep a link (0..1). Default 0.88. */
  threshold?: number;
  /** Only entries of these regimes ("DPRK"); all when absent. */
  regimes?: string[];
  /** Posting lists longer than this are skipped for blocking (too common to discriminate). */
  maxPosting?: number;
  /** At most this many candidates are scored, strongest shared keys first (default 80). */
  maxCandidates?: number;
  /** Candidates sharing less than this fraction of the best candidate's key weight are not scored (0.4). */
  minWeight?: number;
}

export const DEFAULT_THRESHOLD = 0.88;

/** Which list kind an entity type can match; other types (states, weapons…) are never linked. */
const KIND_FOR_TYPE: Partial<Record<EntityType, SanctionsEntry["kind"]>> = {
  PERSON: "person",
  ORG: "entity",
  VESSEL: "vessel",
};

function blockingKeys(name: string): string[] {
  const tokens = keyTokens(name);
  // Joined neighbours too, so "Won Ho" and "Wonho" meet; and the romanisation-folded parts, so
  // "Cho Chun Ryong" and "Jo Chun Ryong" meet.
  const joined = tokens.slice(1).map((t, i) => `${tokens[i]}${t}`);
  const { parts } = personParts(name);
  const given = parts.slice(1).join("");
  return [...new Set([...tokens, ...joined, tokens.join(""), ...parts, ...(given ? [given] : [])])];
}

/** Blocking keys from a prepared name (no second normalisation pass). */
function preparedKeys(name: string, p: PreparedName): string[] {
  const tokens = keyTokens(name);
  const joined = tokens.slice(1).map((t, i) => `${tokens[i]}${t}`);
  const given = p.parts.slice(1).join("");
  return [...tokens, ...joined, tokens.join(""), ...p.parts, ...(given ? [given] : [])];
}

export function buildSanctionsIndex(list: SanctionsList): SanctionsIndex {
  const tokens = new Map<string, number[]>();
  const prepared = list.entries.map((e) => [e.name, ...e.aliases].map(prepareName));
  list.entries.forEach((entry, i) => {
    const names = [entry.name, ...entry.aliases];
    const keys = new Set(names.flatMap((n, j) => preparedKeys(n, prepared[i]?.[j] ?? prepareName(n))));
    for (const key of keys) {
      const posting = tokens.get(key);
      if (posting) posting.push(i);
      else tokens.set(key, [i]);
    }
  });
  return { entries: list.entries, tokens, prepared };
}

export interface Candidate {
  entity: Pick<Entity, "name" | "type" | "aliases"> & {
    country?: string | null;
    /** For vessels: the IMO number the article gives. */
    imo?: string | null;
    /** Dates or years of birth the source gives (`YYYY` or `YYYY-MM-DD`). */
    birthDates?: string[];
  };
}

const digits = (s: string) => (s.match(/\d+/g) ?? []).join(" ");

/**
 * Score one entity against one entry; features are in [0,1] except penalties (negative):
 * - `name`: best similarity of any of the entity's names to the entry's name or aliases (people part by
 *   part, see `personSimilarity`; organisations and vessels over the folded characters);
 * - `alias`: 1 when that best name was one of the entry's aliases;
 * - `type`: 1 when the entity type fits the entry kind (person/organisation/vessel), else -1 (−0.3);
 * - `single_token`: −1 for a one-word person name ("Kim"), never enough for a link (−0.3);
 * - `country`: ±1 when both sides give a country (+0.05 / −0.15 on a strong name match);
 * - `birth_date`: ±1 when both give a birth year (+0.05 / −0.3);
 * - `imo`: ±1 when both give an IMO number (equal → score at least 0.99; different → −0.5);
 * - `number`: −1 when two vessel names differ in their hull number ("Yu Jong 2" vs "YU JONG 3", −0.4).
 */
export function scoreEntry(
  entity: Candidate["entity"],
  entry: SanctionsEntry,
  prepared: { entity?: PreparedName[]; entry?: PreparedName[]; floor?: number } = {},
): { score: number; features: Record<string, number> } {
  const names =
    prepared.entity ??
    [entity.name, ...entity.aliases.filter((a) => keyTokens(a).length >= 2)].map(prepareName);
  const listedNames = prepared.entry ?? [entry.name, ...entry.aliases].map(prepareName);
  const asPerson = entity.type === "PERSON" && entry.kind === "person";
  let best = 0;
  let viaAlias = 0;
  let exact = false;
  for (const n of names) {
    for (const [i, listed] of listedNames.entries()) {
      const s = asPerson ? personSimilarity(n, listed) : preparedSimilarity(n, listed, prepared.floor ?? 0);
      // On a tie, the listed form written exactly as the article writes it explains the match best
      // ("Jo Chun Ryong" is CHO CHUN RYONG's alias, not only a fold of the name).
      const same = n.ordered === listed.ordered;
      if (s > best || (s === best && s > 0 && same && !exact)) {
        best = s;
        viaAlias = i > 0 ? 1 : 0;
        exact = same;
      }
    }
  }
  const features: Record<string, number> = { name: round(best), alias: viaAlias };
  const kind = KIND_FOR_TYPE[entity.type];
  features.type = kind === entry.kind ? 1 : -1;
  let score = best;
  if (features.type < 0) score -= 0.3;
  // A single-token person name ("Kim") is never enough for a link.
  if (entity.type === "PERSON" && (names[0]?.parts.length ?? keyTokens(entity.name).length) < 2) {
    features.single_token = -1;
    score -= 0.3;
  }
  const code = entity.country ?? null;
  const listed = code ? entry.nationality.map(countryCode).filter((c): c is string => c !== null) : [];
  if (code && listed.length > 0) {
    features.country = listed.includes(code) ? 1 : -1;
    if (best >= 0.9) score += features.country > 0 ? 0.05 : -0.15;
  }
  const years = (dates: string[]) =>
    new Set(dates.map((d) => d.slice(0, 4)).filter((y) => /^\d{4}$/.test(y)));
  const born = years(entity.birthDates ?? []);
  const listedBorn = years(entry.birthDates);
  if (born.size > 0 && listedBorn.size > 0) {
    features.birth_date = [...born].some((y) => listedBorn.has(y)) ? 1 : -1;
    score += features.birth_date > 0 ? 0.05 : -0.3;
  }
  if (entity.imo && entry.imo) {
    features.imo = entity.imo === entry.imo ? 1 : -1;
    score = features.imo > 0 ? Math.max(score, 0.99) : score - 0.5;
  }
  if (entity.type === "VESSEL" && entry.kind === "vessel") {
    const a = digits(entity.name);
    const b = digits(entry.name);
    if ((a || b) && a !== b) {
      features.number = -1;
      score -= 0.4;
    }
  }
  return { score: round(Math.max(0, Math.min(1, score))), features };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Every entry scoring at or above the threshold, best first. */
export function matchEntity(
  entity: Candidate["entity"],
  index: SanctionsIndex,
  options: MatchOptions = {},
): SanctionsLink[] {
  const kind = KIND_FOR_TYPE[entity.type];
  if (!kind) return [];
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxPosting = options.maxPosting ?? 150;
  const names = [entity.name, ...entity.aliases.filter((a) => keyTokens(a).length >= 2)].map(prepareName);
  // Name similarity below this cannot reach the threshold even with the country bonus.
  const floor = threshold - 0.05;
  // Candidates weighted by the rarity of the keys they share (idf), so a shared "Kim" counts for little and a
  // shared "Yongwon" for much; only the strongest candidates are scored.
  const weight = new Map<number, number>();
  const total = Math.max(2, index.entries.length);
  let rarest: number[] | null = null;
  const keys = new Set([entity.name, ...entity.aliases].flatMap(blockingKeys));
  for (const key of keys) {
    const posting = index.tokens.get(key);
    if (!posting) continue;
    if (!rarest || posting.length < rarest.length) rarest = posting;
    if (posting.length > maxPosting) continue;
    const idf = Math.log(total / posting.length);
    for (const i of posting) weight.set(i, (weight.get(i) ?? 0) + idf);
  }
  // Only common tokens ("Kim Il"): fall back to the rarest one rather than to nothing.
  if (weight.size === 0 && rarest) for (const i of rarest) weight.set(i, 1);
  let top = 0;
  for (const w of weight.values()) if (w > top) top = w;
  const seen = [...weight]
    .filter(([, w]) => w >= top * (options.minWeight ?? 0.4))
    .sort((a, b) => b[1] - a[1])
    .slice(0, options.maxCandidates ?? 80)
    .map(([i]) => i);
  const links: SanctionsLink[] = [];
  for (const i of seen) {
    const entry = index.entries[i];
    if (!entry) continue;
    if (options.regimes && !options.regimes.includes(entry.regime)) continue;
    const { score, features } = scoreEntry(entity, entry, { entity: names, entry: index.prepared[i], floor });
    if (score >= threshold) links.push({ reference: entry.reference, name: entry.name, score, features });
  }
  return links.sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference));
}

/** Copies of `entities` with `sanctions` filled for those that match (pure). */
export function linkEntities(
  entities: Entity[],
  index: SanctionsIndex,
  options: MatchOptions = {},
): Entity[] {
  return entities.map((entity) => {
    const links = matchEntity(entity, index, options);
    return links.length > 0 ? { ...entity, sanctions: links } : entity;
  });
}

/** Use cases for entities across the stored articles: the list, and one entity's page. */
import { WatchdeskError } from "../errors.js";
import { buildSanctionsIndex, matchEntity } from "../link/index.js";
import type { EntityQuery, EntitySummary, Store, StoredClaim } from "../store/types.js";
import type { EntityType, SanctionsLink } from "../types.js";

export async function listEntities(store: Store, query: EntityQuery = {}): Promise<EntitySummary[]> {
  return store.listEntities(query);
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
  mentionCount: number;
  articleCount: number;
  articleIds: string[];
  claims: StoredClaim[];
  sanctions: SanctionsLink[];
}

function byCount(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/** One entity by canonical key; throws ENTITY_NOT_FOUND when no article mentions it. */
export async function getEntity(store: Store, key: string): Promise<EntityDetail> {
  const occurrences = await store.getEntityOccurrences(key);
  const first = occurrences[0];
  if (!first) {
    throw new WatchdeskError("ENTITY_NOT_FOUND", `no entity with key "${key}"`, {
      input: key,
      hint: "list keys with `watchdesk entities`",
    });
  }
  const aliases = new Map<string, number>();
  const roles = new Map<string, number>();
  const via: Record<string, number> = {};
  const sanctions = new Map<string, SanctionsLink>();
  let mentionCount = 0;
  for (const o of occurrences) {
    for (const m of o.mentions) {
      aliases.set(m.text, (aliases.get(m.text) ?? 0) + 1);
      const how = m.via ?? "name";
      via[how] = (via[how] ?? 0) + 1;
    }
    for (const r of o.roles) roles.set(r, (roles.get(r) ?? 0) + 1);
    for (const s of o.sanctions ?? []) sanctions.set(s.reference, s);
    mentionCount += o.mentions.length;
  }
  const list = await store.getSanctionsList();
  if (list) {
    const entity = {
      name: first.name,
      type: first.type,
      aliases: byCount(aliases),
      country: first.country ?? null,
    };
    for (const s of matchEntity(entity, buildSanctionsIndex(list))) sanctions.set(s.reference, s);
  }
  const articleIds = [...new Set(occurrences.map((o) => o.articleId))];
  return {
    key,
    name: first.name,
    type: first.type,
    country: first.country ?? null,
    aliases: byCount(aliases),
    roles: byCount(roles),
    via,
    mentionCount,
    articleCount: articleIds.length,
    articleIds,
    claims: await store.listClaims({ entity: key }),
    sanctions: [...sanctions.values()].sort((a, b) => b.score - a.score),
  };
}

/** Use cases for the claims ledger: canonical claims with filters, one claim, discrepancies, what changed,
 * an entity's timeline. */
import { WatchdeskError } from "../errors.js";
import { GAZETTEER } from "../extract/entities/gazetteer.js";
import type { Store } from "../store/types.js";
import type { CanonicalClaim, ClaimType, Discrepancy, Stance } from "../types.js";

export interface LedgerQuery {
  type?: ClaimType;
  /** Entity key, canonical name or alias among the claim's parties or holders (case-insensitive). */
  entity?: string;
  /** Only claims someone asserts and someone denies. */
  contested?: boolean;
  /** Only claims with evidence published on or after this date (`YYYY-MM-DD`). */
  since?: string;
  storyId?: string;
  limit?: number;
  offset?: number;
}

/**
 * The gazetteer entries a name stands for: by key, canonical name, alias or metonym ("DPRK", "Pyongyang" and
 * "North Korea" all name state:KP), whether or not a stored article spells it that way.
 */
export function gazetteerEntities(name: string): { key: string; name: string }[] {
  const folded = name.trim().toLowerCase();
  return GAZETTEER.filter(
    (e) =>
      e.key.toLowerCase() === folded ||
      e.name.toLowerCase() === folded ||
      e.aliases.some((a) => a.toLowerCase() === folded) ||
      (e.metonyms ?? []).some((a) => a.toLowerCase() === folded),
  ).map((e) => ({ key: e.key, name: e.name }));
}

/** Entity keys that the query string may name: a key as given, the gazetteer's entries for it, or the keys of
 * stored entities with that name/alias. */
async function entityKeys(store: Store, entity: string): Promise<{ keys: Set<string>; names: Set<string> }> {
  const folded = entity.toLowerCase();
  const keys = new Set([folded]);
  const names = new Set([folded]);
  for (const e of gazetteerEntities(entity)) {
    keys.add(e.key.toLowerCase());
    names.add(e.name.toLowerCase());
  }
  for (const e of await store.listEntities({ name: entity, limit: 50 })) {
    if (
      e.name.toLowerCase() === folded ||
      e.aliases.some((a) => a.toLowerCase() === folded) ||
      e.key === entity
    ) {
      keys.add(e.key.toLowerCase());
      names.add(e.name.toLowerCase());
    }
  }
  return { keys, names };
}

export async function listLedger(store: Store, query: LedgerQuery = {}): Promise<CanonicalClaim[]> {
  const ledger = await store.getLedger();
  const wanted = query.entity ? await entityKeys(store, query.entity) : null;
  let claims = ledger.claims.filter((c) => {
    if (query.type && c.type !== query.type) return false;
    if (query.contested && !c.contested) return false;
    if (query.storyId && !c.storyIds.includes(query.storyId)) return false;
    if (query.since && !c.evidence.some((e) => e.published !== null && e.published >= query.since!))
      return false;
    if (wanted) {
      const parties = [c.subject, c.object, ...c.holders.map((h) => h.holder)].map((p) =>
        (p ?? "").toLowerCase(),
      );
      const byKey = c.actors.some((k) => wanted.keys.has(k.toLowerCase()));
      if (!byKey && !parties.some((p) => wanted.names.has(p))) return false;
    }
    return true;
  });
  const offset = query.offset ?? 0;
  claims = claims.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  return claims;
}

export async function getClaim(
  store: Store,
  id: string,
): Promise<CanonicalClaim & { discrepancies: Discrepancy[] }> {
  const ledger = await store.getLedger();
  const claim =
    ledger.claims.find((c) => c.id === id) ??
    ledger.claims.find((c) => id.length >= 4 && c.id.startsWith(id));
  if (!claim) {
    throw new WatchdeskError("CLAIM_NOT_FOUND", "no canonical claim has this id", {
      input: id,
      hint: "list claim ids with `watchdesk ledger`",
    });
  }
  return { ...claim, discrepancies: ledger.discrepancies.filter((d) => d.claimIds.includes(claim.id)) };
}

export async function listDiscrepancies(store: Store, kind?: string): Promise<Discrepancy[]> {
  const { discrepancies } = await store.getLedger();
  return kind ? discrepancies.filter((d) => d.kind === kind.toUpperCase()) : discrepancies;
}

export interface ChangesSince {
  since: string;
  /** Canonical claims first reported on or after `since`. */
  newClaims: CanonicalClaim[];
  /** Denials published on or after `since`, with the claim they deny. */
  newDenials: { claim: CanonicalClaim; holder: string; published: string | null; articleId: string }[];
  /** Claims seen before `since` with new evidence since. */
  updatedClaims: CanonicalClaim[];
}

/** What changed since a date: new claims, new denials, claims with new evidence. */
export async function changesSince(store: Store, since: string): Promise<ChangesSince> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    throw new WatchdeskError("BAD_DATE", "the date must be YYYY-MM-DD", { input: since, exitCode: 2 });
  }
  const { claims } = await store.getLedger();
  const out: ChangesSince = { since, newClaims: [], newDenials: [], updatedClaims: [] };
  for (const c of claims) {
    const fresh = c.evidence.filter((e) => e.published !== null && e.published >= since);
    if (fresh.length === 0) continue;
    if (c.firstSeen !== null && c.firstSeen >= since) out.newClaims.push(c);
    else out.updatedClaims.push(c);
    for (const e of fresh) {
      if (e.stance === ("DENY" satisfies Stance))
        out.newDenials.push({ claim: c, holder: e.holder, published: e.published, articleId: e.articleId });
    }
  }
  return out;
}

export interface EntityTimelineEntry {
  /** The claim's date when it gives a full one, else the publication date of the report. */
  date: string | null;
  claimId: string;
  type: string;
  stance: Stance;
  holder: string;
  articleId: string;
  outlet: string | null;
  published: string | null;
  /** True for evidence from a copy of another article. */
  copy: boolean;
  text: string;
}

export interface EntityTimeline {
  entity: string;
  entries: EntityTimelineEntry[];
}

/** Every claim naming the entity (as a party or a holder), one entry per report, in date order. Copies are
 * left out unless `copies` is set. */
export async function entityTimeline(
  store: Store,
  entity: string,
  options: { since?: string; copies?: boolean } = {},
): Promise<EntityTimeline> {
  const claims = await listLedger(store, { entity, ...(options.since ? { since: options.since } : {}) });
  const entries: EntityTimelineEntry[] = claims.flatMap((c) =>
    c.evidence
      .filter((e) => options.copies || !e.duplicateOf)
      .filter((e) => !options.since || (e.published !== null && e.published >= options.since))
      .map((e) => ({
        date: e.when && e.when.length === 10 ? e.when : e.published,
        claimId: c.id,
        type: c.type,
        stance: e.stance,
        holder: e.holder,
        articleId: e.articleId,
        outlet: e.outlet,
        published: e.published,
        copy: Boolean(e.duplicateOf),
        text: e.evidence.text,
      })),
  );
  entries.sort(
    (a, b) =>
      (a.date ?? "9999").localeCompare(b.date ?? "9999") ||
      (a.published ?? "9999").localeCompare(b.published ?? "9999") ||
      a.claimId.localeCompare(b.claimId),
  );
  return { entity, entries };
}

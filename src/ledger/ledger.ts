/**
 * Canonical claims. Claims of the same type between the same parties (after entity resolution) merge when
 * their item, quantity and date are compatible: a missing value is compatible with any, dates agree at their
 * common precision or within two days, quantities within 15 %, items when they share a content word.
 *
 * Independent sources: a statement attributed to a speaker counts once per speaker, however many outlets
 * relay it (five papers quoting the South Korean military are one source, the military); a fact stated in an
 * outlet's own voice counts once per outlet, and a copy counts as its original's outlet, so syndication never
 * inflates the count. Only evidence that asserts the claim counts towards it.
 */
import { createHash } from "node:crypto";
import { findDates } from "../extract/dates.js";
import type {
  CanonicalClaim,
  Claim,
  ClaimEvidence,
  ClaimHolder,
  DuplicateLink,
  Entity,
  Ledger,
  Story,
} from "../types.js";
import { datesCompatible, daysBetween, itemsCompatible, quantitiesCompatible } from "./compat.js";
import { findDiscrepancies } from "./discrepancies.js";

export interface LedgerArticle {
  id: string;
  source: string;
  url: string | null;
  outlet: string | null;
  claimedSource: string | null;
  published: string | null;
  claims: Claim[];
  entities: Pick<Entity, "key" | "name" | "aliases" | "roles" | "type">[];
}

export interface LedgerInput {
  /** In ingest order. */
  articles: LedgerArticle[];
  duplicates: DuplicateLink[];
  stories: Story[];
  /** A copy published this many days or more after its original is stale (default 7). */
  staleAfterDays?: number;
}

/** The canonical key of a party named in a claim: its entity key in that article, else its folded name. */
function partyKey(name: string | null, article: LedgerArticle): string {
  if (!name) return "-";
  const folded = name.toLowerCase();
  const entity = article.entities.find(
    (e) => e.name.toLowerCase() === folded || e.aliases.some((a) => a.toLowerCase() === folded),
  );
  return entity?.key ?? `name:${folded}`;
}

interface Accumulator {
  group: string;
  claim: CanonicalClaim;
  actors: Set<string>;
  stories: Set<string>;
  holders: Map<string, ClaimHolder>;
  sources: Set<string>;
  outlets: Set<string>;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

export function buildLedger(input: LedgerInput): Ledger {
  const staleAfter = input.staleAfterDays ?? 7;
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const originalOf = new Map(input.duplicates.map((d) => [d.articleId, d.duplicateOf]));
  const storyOf = new Map<string, string>();
  for (const s of input.stories) for (const id of s.articleIds) storyOf.set(id, s.id);

  // Publication order (undated last), so a canonical claim takes its values from the earliest report.
  const articles = [...input.articles].sort((a, b) => {
    if (a.published && b.published && a.published !== b.published) return a.published < b.published ? -1 : 1;
    if (a.published && !b.published) return -1;
    if (!a.published && b.published) return 1;
    return 0;
  });

  const groups = new Map<string, Accumulator[]>();
  const all: Accumulator[] = [];
  for (const article of articles) {
    const originalId = originalOf.get(article.id) ?? null;
    const original = originalId ? byId.get(originalId) : undefined;
    const stale =
      original?.published &&
      article.published &&
      daysBetween(original.published, article.published) >= staleAfter
        ? original
        : undefined;
    for (const claim of article.claims) {
      const subject = partyKey(claim.subject, article);
      const object = partyKey(claim.object, article);
      const group = `${claim.type}|${subject}|${object}`;
      let when = claim.when;
      let reanchored: ClaimEvidence["reanchored"];
      if (stale?.published && claim.whenText) {
        const again = findDates(claim.whenText, stale.published)[0]?.resolved ?? null;
        if (again && again !== claim.when) {
          reanchored = { from: claim.when, against: stale.published };
          when = again;
        }
      }
      const evidence: ClaimEvidence = {
        articleId: article.id,
        source: article.source,
        outlet: article.outlet,
        published: article.published,
        holder: claim.holder,
        holderKind: claim.holderKind,
        stance: claim.stance,
        when,
        whenText: claim.whenText,
        ...(reanchored ? { reanchored } : {}),
        evidence: claim.evidence,
        duplicateOf: originalId,
        sourceKey:
          claim.holderKind === "speaker"
            ? `speaker:${partyKey(claim.holder, article)}`
            : `outlet:${((original ?? article).outlet ?? original?.id ?? article.id).toLowerCase()}`,
      };
      const candidates = groups.get(group) ?? [];
      let acc = candidates.find(
        (c) =>
          datesCompatible(c.claim.when, when) &&
          quantitiesCompatible(c.claim.quantity, claim.quantity) &&
          itemsCompatible(c.claim.item, claim.item),
      );
      if (!acc) {
        acc = {
          group,
          claim: {
            id: `cl_${hash(`${group}|${article.id}|${claim.evidence.start}`)}`,
            type: claim.type,
            subject: claim.subject,
            object: claim.object,
            item: claim.item,
            quantity: claim.quantity,
            when,
            actors: [],
            holders: [],
            evidence: [],
            storyIds: [],
            firstSeen: null,
            lastSeen: null,
            mentions: 0,
            outlets: 0,
            independentSources: 0,
            contested: false,
          },
          actors: new Set(),
          stories: new Set(),
          holders: new Map(),
          sources: new Set(),
          outlets: new Set(),
        };
        candidates.push(acc);
        groups.set(group, candidates);
        all.push(acc);
      }
      const c = acc.claim;
      c.item ??= claim.item;
      c.quantity ??= claim.quantity;
      if (!c.when || (when && when.length > c.when.length && when.startsWith(c.when)))
        c.when = when ?? c.when;
      c.evidence.push(evidence);
      c.mentions += 1;
      for (const key of claim.actors) acc.actors.add(key);
      const story = storyOf.get(article.id);
      if (story) acc.stories.add(story);
      acc.outlets.add((article.outlet ?? article.id).toLowerCase());
      const holderKey = `${claim.holder}|${claim.stance}`;
      const holder = acc.holders.get(holderKey);
      if (holder) holder.mentions += 1;
      else acc.holders.set(holderKey, { holder: claim.holder, stance: claim.stance, mentions: 1 });
      if (claim.stance === "ASSERT") acc.sources.add(evidence.sourceKey);
      if (article.published) {
        if (!c.firstSeen || article.published < c.firstSeen) c.firstSeen = article.published;
        if (!c.lastSeen || article.published > c.lastSeen) c.lastSeen = article.published;
      }
    }
  }

  const claims = all.map((acc) => {
    const c = acc.claim;
    c.actors = [...acc.actors].sort();
    c.storyIds = [...acc.stories].sort();
    c.holders = [...acc.holders.values()];
    c.outlets = acc.outlets.size;
    c.independentSources = acc.sources.size;
    const stances = new Set(c.holders.map((h) => h.stance));
    c.contested = stances.has("DENY") && (stances.has("ASSERT") || stances.has("HEDGE"));
    return c;
  });
  // Most independently supported first, contested ones before others of equal support.
  claims.sort(
    (a, b) =>
      b.independentSources - a.independentSources ||
      Number(b.contested) - Number(a.contested) ||
      b.mentions - a.mentions ||
      (a.id < b.id ? -1 : 1),
  );
  const discrepancies = findDiscrepancies({
    claims,
    groupOf: new Map(all.map((a) => [a.claim.id, a.group])),
    articles: input.articles,
    duplicates: input.duplicates,
    staleAfterDays: staleAfter,
  });
  return { claims, discrepancies };
}

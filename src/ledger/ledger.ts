/**
 * Canonical claims. Claims of the same type between the same parties (after entity resolution) merge when
 * they are about the same thing at the same time:
 * - item, quantity and date compatible (a missing value is compatible with any; dates agree at their common
 *   precision or within two days; quantities within 15 %; items when they share a content word);
 * - and close in time: in one story, or, when neither gives a date, published within `windowDays` of each
 *   other (the same accusation repeated a year later is a new claim with its own evidence).
 * A claim that names no object ("North Korea has never exported munitions to any country") joins the claim
 * of its story with the same type and subject, and likewise for a missing subject, so a denial stands next to
 * the accusation it answers. A claim that names neither party merges only with claims of its own story.
 *
 * Independent sources: a statement attributed to a speaker counts once per speaker, however many outlets
 * relay it (five papers quoting the South Korean military are one source, the military); a fact stated in an
 * outlet's own voice counts once per outlet, and a copy counts as its original's outlet, so syndication never
 * inflates the count. Only evidence that asserts the claim counts towards it; `sources` lists every source
 * with its stance, so denials are counted the same way.
 *
 * A copy's relative dates ("on Friday") mean the original's: they are re-resolved against the original's
 * publication date, and the evidence says so (`reanchored`).
 */
import { createHash } from "node:crypto";
import { findDates } from "../extract/dates.js";
import type {
  AnalyzedArticle,
  CanonicalClaim,
  Claim,
  ClaimEvidence,
  ClaimHolder,
  DuplicateLink,
  Entity,
  Ledger,
  Stance,
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

/** The part of an analysed article the ledger reads (entities without their mentions). */
export function ledgerArticleOf(
  doc: Pick<AnalyzedArticle, "article" | "claims" | "entities">,
): LedgerArticle {
  const a = doc.article;
  return {
    id: a.id,
    source: a.source,
    url: a.url,
    outlet: a.outlet,
    claimedSource: a.claimedSource,
    published: a.published,
    claims: doc.claims,
    entities: doc.entities.map((e) => ({
      key: e.key,
      name: e.name,
      aliases: e.aliases,
      roles: e.roles,
      type: e.type,
    })),
  };
}

export interface LedgerInput {
  /** In ingest order. */
  articles: LedgerArticle[];
  duplicates: DuplicateLink[];
  stories: Story[];
  /** A copy published this many days or more after its original is stale (default 7). */
  staleAfterDays?: number;
  /** Undated claims in different stories merge only when published this close (default 14 days). */
  windowDays?: number;
}

/** How far back in a group a new claim looks for one to merge with (bounds the work on a large corpus). */
const CANDIDATES = 64;

/** The canonical key of a party named in a claim: its entity key in that article, else its folded name. */
export function partyKey(name: string | null, article: Pick<LedgerArticle, "entities">): string {
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
  sources: Map<string, { key: string; stance: Stance; articleIds: Set<string> }>;
  outlets: Set<string>;
  /** True while every claim merged so far denies (or declines): its date is the denial's. */
  denied: boolean;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The date a copy's claim means: its relative date resolved against the original's publication date. */
function reanchor(
  claim: Claim,
  copy: LedgerArticle,
  original: LedgerArticle | undefined,
): { when: string | null; reanchored?: ClaimEvidence["reanchored"] } {
  if (!original?.published || !copy.published || original.published === copy.published || !claim.whenText)
    return { when: claim.when };
  const again = findDates(claim.whenText, original.published)[0]?.resolved ?? null;
  if (!again || again === claim.when) return { when: claim.when };
  return { when: again, reanchored: { from: claim.when, against: original.published } };
}

function addSource(sources: Accumulator["sources"], key: string, stance: Stance, articleId: string): void {
  const source = sources.get(`${key}|${stance}`);
  if (source) source.articleIds.add(articleId);
  else sources.set(`${key}|${stance}`, { key, stance, articleIds: new Set([articleId]) });
}

export function buildLedger(input: LedgerInput): Ledger {
  const staleAfter = input.staleAfterDays ?? 7;
  const windowDays = input.windowDays ?? 14;
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
  /** The same type and subject (any object), and the same type and object (any subject). */
  const bySubject = new Map<string, Accumulator[]>();
  const byObject = new Map<string, Accumulator[]>();
  const all: Accumulator[] = [];

  const compatible = (
    acc: Accumulator,
    claim: Claim,
    when: string | null,
    published: string | null,
    story: string | undefined,
  ): boolean => {
    const c = acc.claim;
    if (!quantitiesCompatible(c.quantity, claim.quantity) || !itemsCompatible(c.item, claim.item))
      return false;
    const sameStory = Boolean(story && acc.stories.has(story));
    // A denial's date is when it was denied, not when the act took place: in its story it answers the
    // claim whatever the dates.
    if (sameStory && (claim.stance === "DENY" || claim.stance === "DECLINE" || acc.denied)) return true;
    if (c.when && when) return datesCompatible(c.when, when);
    if (sameStory) return true;
    if (!published || !c.lastSeen) return true;
    return Math.abs(daysBetween(c.lastSeen, published)) <= windowDays;
  };

  const newAccumulator = (
    type: string,
    subject: string,
    object: string,
    claim: Claim,
    when: string | null,
    article: LedgerArticle,
  ): Accumulator => {
    const group = `${type}|${subject}|${object}`;
    const acc: Accumulator = {
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
      sources: new Map(),
      outlets: new Set(),
      denied: claim.stance === "DENY" || claim.stance === "DECLINE",
    };
    push(groups, group, acc);
    push(bySubject, `${type}|${subject}`, acc);
    push(byObject, `${type}|${object}`, acc);
    all.push(acc);
    return acc;
  };

  for (const article of articles) {
    const originalId = originalOf.get(article.id) ?? null;
    const original = originalId ? byId.get(originalId) : undefined;
    const story = storyOf.get(article.id);
    for (const claim of article.claims) {
      const subject = partyKey(claim.subject, article);
      const object = partyKey(claim.object, article);
      const group = `${claim.type}|${subject}|${object}`;
      const { when, reanchored } = reanchor(claim, article, original);

      // A claim that names neither party ("the threat is growing") says too little to stand for the same
      // claim as another story's: it merges only within its own story.
      const partyless = subject === "-" && object === "-";
      const fits = (a: Accumulator) =>
        compatible(a, claim, when, article.published, story) &&
        (!partyless || Boolean(story && a.stories.has(story)));
      const recent = (list: Accumulator[] | undefined) => (list ?? []).slice(-CANDIDATES).reverse();
      let acc = recent(groups.get(group)).find(fits);
      // A claim missing its object (or subject) joins the most reported claim of its story that has one.
      if (!acc && story && (object === "-" || subject === "-") && !(object === "-" && subject === "-")) {
        const wider =
          object === "-"
            ? bySubject.get(`${claim.type}|${subject}`)
            : byObject.get(`${claim.type}|${object}`);
        acc = recent(wider)
          .filter((a) => a.stories.has(story) && fits(a))
          .sort((a, b) => b.claim.mentions - a.claim.mentions)[0];
      }
      // …and a claim naming both parties takes over one of its story that named only one of them.
      if (!acc && story && object !== "-" && subject !== "-") {
        acc = [
          ...recent(groups.get(`${claim.type}|${subject}|-`)),
          ...recent(groups.get(`${claim.type}|-|${object}`)),
        ].find((a) => a.stories.has(story) && fits(a));
      }
      acc ??= newAccumulator(claim.type, subject, object, claim, when, article);

      const sourceKey =
        claim.holderKind === "speaker"
          ? `speaker:${partyKey(claim.holder, article)}`
          : `outlet:${((original ?? article).outlet ?? original?.id ?? article.id).toLowerCase()}`;
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
        sourceKey,
      };
      const c = acc.claim;
      if (acc.denied && claim.stance !== "DENY" && claim.stance !== "DECLINE") {
        // The first asserting report gives the claim its date.
        acc.denied = false;
        c.when = when;
      }
      c.item ??= claim.item;
      c.quantity ??= claim.quantity;
      c.object ??= claim.object;
      c.subject ??= claim.subject;
      if (!c.when || (when && when.length > c.when.length && when.startsWith(c.when)))
        c.when = when ?? c.when;
      c.evidence.push(evidence);
      c.mentions += 1;
      for (const key of claim.actors) acc.actors.add(key);
      if (story) acc.stories.add(story);
      acc.outlets.add((article.outlet ?? article.id).toLowerCase());
      const holderKey = `${claim.holder}|${claim.stance}`;
      const holder = acc.holders.get(holderKey);
      if (holder) holder.mentions += 1;
      else acc.holders.set(holderKey, { holder: claim.holder, stance: claim.stance, mentions: 1 });
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
    // A copy stands for its original: when the original's own evidence is here, the copy adds no source,
    // even if extraction read its (same) text differently; it is listed under its original's source. A copy
    // whose original is absent counts for that original.
    const here = new Map(c.evidence.filter((e) => !e.duplicateOf).map((e) => [e.articleId, e]));
    const copies: ClaimEvidence[] = [];
    for (const e of c.evidence) {
      if (e.duplicateOf && here.has(e.duplicateOf)) copies.push(e);
      else addSource(acc.sources, e.sourceKey, e.stance, e.articleId);
    }
    for (const e of copies) {
      const own = acc.sources.get(`${e.sourceKey}|${e.stance}`);
      const original = here.get(e.duplicateOf!)!;
      (own ?? acc.sources.get(`${original.sourceKey}|${original.stance}`))?.articleIds.add(e.articleId);
    }
    const sources = [...acc.sources.values()];
    c.independentSources = sources.filter((s) => s.stance === "ASSERT").length;
    c.sources = sources.map((s) => ({ key: s.key, stance: s.stance, articleIds: [...s.articleIds] }));
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

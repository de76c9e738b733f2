/**
 * Discrepancies between reports: a holder asserting what another denies; the same act with its actors
 * swapped; conflicting numbers or dates for one event; one person given conflicting roles; a page whose
 * claimed source is not its site; a copy republished long after its original.
 *
 * Comparisons between claims (swapped actors, conflicting values) are made within a story only: two claims
 * about different events cannot contradict each other, and comparing within stories keeps the work close to
 * linear in the corpus size.
 */
import { type RoleParts, roleParts, rolesConflict } from "../extract/roles.js";
import type { CanonicalClaim, Discrepancy, DuplicateLink } from "../types.js";
import { datesCompatible, daysBetween, itemsCompatible, quantitiesCompatible } from "./compat.js";
import type { LedgerArticle } from "./ledger.js";

export interface DiscrepancyInput {
  claims: CanonicalClaim[];
  /** Canonical claim id → `type|subjectKey|objectKey`. */
  groupOf: Map<string, string>;
  articles: LedgerArticle[];
  duplicates: DuplicateLink[];
  staleAfterDays: number;
}

const MAX_NAMES = 6;

function describe(c: CanonicalClaim): string {
  const parts = [c.type.toLowerCase().replace(/_/g, " ")];
  if (c.subject) parts.push(`by ${c.subject}`);
  if (c.object) parts.push(`to/against ${c.object}`);
  if (c.item) parts.push(`(${c.quantity ? `${c.quantity.text} ` : ""}${c.item})`);
  return parts.join(" ");
}

function names(list: string[]): string {
  const unique = [...new Set(list)];
  if (unique.length <= 1) return unique[0] ?? "someone";
  if (unique.length > MAX_NAMES)
    return `${unique.slice(0, MAX_NAMES - 1).join(", ")} and ${unique.length - MAX_NAMES + 1} others`;
  return `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}

function articleIds(...claims: CanonicalClaim[]): string[] {
  return [...new Set(claims.flatMap((c) => c.evidence.map((e) => e.articleId)))];
}

/** Claims grouped by story (a claim in several stories is in each). */
function byStory(claims: CanonicalClaim[]): CanonicalClaim[][] {
  const out = new Map<string, CanonicalClaim[]>();
  for (const c of claims)
    for (const s of c.storyIds) {
      const list = out.get(s);
      if (list) list.push(c);
      else out.set(s, [c]);
    }
  return [...out.values()];
}

/** Each unordered pair of claims that share a story, once. */
function* storyPairs(claims: CanonicalClaim[]): Generator<[CanonicalClaim, CanonicalClaim]> {
  const seen = new Set<string>();
  for (const list of byStory(claims)) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield [a, b];
      }
    }
  }
}

function stanceConflicts(claims: CanonicalClaim[]): Discrepancy[] {
  return claims
    .filter((c) => c.contested)
    .map((c) => {
      const asserting = c.holders
        .filter((h) => h.stance === "ASSERT" || h.stance === "HEDGE")
        .map((h) => h.holder);
      const denying = c.holders.filter((h) => h.stance === "DENY").map((h) => h.holder);
      return {
        kind: "STANCE_CONFLICT",
        message: `${names(asserting)} ${new Set(asserting).size > 1 ? "assert" : "asserts"} ${describe(c)}; ${names(denying)} ${new Set(denying).size > 1 ? "deny" : "denies"} it`,
        claimIds: [c.id],
        articleIds: articleIds(c),
      };
    });
}

function split(group: string | undefined): [string, string, string] {
  const [type = "", subject = "-", object = "-"] = (group ?? "").split("|");
  return [type, subject, object];
}

/**
 * Swapped actors, between claims of one type in one story: subject and object exchanged; or the same act
 * towards the same party by a different actor when that actor is one of those accusing the other (the
 * accuser said to do what it accuses someone else of is a mistranslation or a misreading far more often than
 * a confession), or when the quantity is the same.
 */
function actorSwaps(claims: CanonicalClaim[], groupOf: Map<string, string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const [a, b] of storyPairs(claims)) {
    if (a.type !== b.type) continue;
    const [, as, ao] = split(groupOf.get(a.id));
    const [, bs, bo] = split(groupOf.get(b.id));
    if (as === "-" || bs === "-" || as === bs) continue;
    let reason: string | null = null;
    // (Goods going both ways are a trade, not a swap: the two must name the same item or quantity.)
    const sameItem = Boolean(a.item && b.item && itemsCompatible(a.item, b.item));
    const sameQuantity = Boolean(a.quantity && b.quantity && quantitiesCompatible(a.quantity, b.quantity));
    if (ao !== "-" && as === bo && ao === bs && (sameItem || sameQuantity))
      reason = "subject and object are swapped";
    else if (ao !== "-" && ao === bo) {
      const aAccuses = a.subject && b.holders.some((h) => h.holder === a.subject && h.stance !== "DENY");
      const bAccuses = b.subject && a.holders.some((h) => h.holder === b.subject && h.stance !== "DENY");
      if (aAccuses || bAccuses) {
        const accuser = aAccuses ? a.subject : b.subject;
        reason = `${accuser} is reported as the actor of what it accuses ${aAccuses ? b.subject : a.subject} of`;
      } else if (sameQuantity && itemsCompatible(a.item, b.item))
        reason = "the same quantity is credited to different actors";
    }
    if (reason)
      out.push({
        kind: "ACTOR_SWAP",
        message: `${describe(a)} against ${describe(b)}: ${reason}`,
        claimIds: [a.id, b.id],
        articleIds: articleIds(a, b),
      });
  }
  return out;
}

/** Conflicting numbers or dates: claims of one group in one story, naming the same item, that disagree,
 * in reports from different articles. */
function valueConflicts(claims: CanonicalClaim[], groupOf: Map<string, string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const [a, b] of storyPairs(claims)) {
    if ((groupOf.get(a.id) ?? a.id) !== (groupOf.get(b.id) ?? b.id)) continue;
    if (!a.item || !b.item || !itemsCompatible(a.item, b.item)) continue;
    const ids = articleIds(a, b);
    if (ids.length < 2) continue;
    if (a.quantity && b.quantity && !quantitiesCompatible(a.quantity, b.quantity)) {
      out.push({
        kind: "QUANTITY_CONFLICT",
        message: `${describe(a)}: ${a.quantity.text} in one report, ${b.quantity.text} in another`,
        claimIds: [a.id, b.id],
        articleIds: ids,
      });
    } else if (
      // Dates alone are too weak (a claim's date is often when it was stated): the two reports must also
      // name the same item before their dates can be said to conflict.
      a.when?.length === 10 &&
      b.when?.length === 10 &&
      !datesCompatible(a.when, b.when) &&
      quantitiesCompatible(a.quantity, b.quantity)
    ) {
      out.push({
        kind: "DATE_CONFLICT",
        message: `${describe(a)}: dated ${a.when} in one report, ${b.when} in another`,
        claimIds: [a.id, b.id],
        articleIds: ids,
      });
    }
  }
  return out;
}

function roleConflicts(articles: LedgerArticle[]): Discrepancy[] {
  const roles = new Map<
    string,
    {
      name: string;
      seen: Map<string, { role: RoleParts; ids: Set<string> }>;
    }
  >();
  for (const a of articles) {
    for (const e of a.entities) {
      if (e.type !== "PERSON" || e.roles.length === 0) continue;
      let entry = roles.get(e.key);
      if (!entry) {
        entry = { name: e.name, seen: new Map() };
        roles.set(e.key, entry);
      }
      for (const raw of e.roles) {
        const role = roleParts(raw);
        if (!role) continue;
        const seen = entry.seen.get(role.text);
        if (seen) seen.ids.add(a.id);
        else entry.seen.set(role.text, { role, ids: new Set([a.id]) });
      }
    }
  }
  const out: Discrepancy[] = [];
  for (const [key, { name, seen }] of roles) {
    const list = [...seen.values()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        // The same kind of post, each qualified, the qualifiers naming two bodies (src/extract/roles.ts):
        // "defense ministry spokesman" against "trade ministry spokesman", not "spokesman" against
        // "ministry spokesman", nor "foreign ministry" against "foreign affairs ministry".
        if (!rolesConflict(a.role, b.role)) continue;
        const ids = [...new Set([...a.ids, ...b.ids])];
        if (ids.length < 2) continue;
        out.push({
          kind: "ROLE_CONFLICT",
          message: `${name} is called "${a.role.text}" in one report and "${b.role.text}" in another`,
          claimIds: [],
          articleIds: ids,
          entityKeys: [key],
        });
      }
    }
  }
  return out;
}

/** "BBC.co.uk" → "bbc"; "www.bbc.com" → "bbc"; "Korea Herald" → "koreaherald". */
function siteToken(text: string): string {
  const host = text
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .split("/")[0]!;
  if (host.includes(".")) return host.split(".")[0]!;
  return host.replace(/[^a-z0-9]/g, "");
}

function claimedSourceMismatches(articles: LedgerArticle[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const a of articles) {
    if (!a.claimedSource) continue;
    const claimed = siteToken(a.claimedSource);
    const own = [a.outlet, a.url].filter((x): x is string => Boolean(x)).map(siteToken);
    if (own.some((o) => o === claimed || o.includes(claimed) || claimed.includes(o))) continue;
    out.push({
      kind: "CLAIMED_SOURCE_MISMATCH",
      message: `${a.outlet ?? a.source} presents its text as coming from ${a.claimedSource}${a.url ? ` but is hosted at ${a.url}` : ""}; nothing but the text supports that`,
      claimIds: [],
      articleIds: [a.id],
    });
  }
  return out;
}

function staleCopies(
  articles: LedgerArticle[],
  duplicates: DuplicateLink[],
  staleAfterDays: number,
): Discrepancy[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: Discrepancy[] = [];
  for (const d of duplicates) {
    const copy = byId.get(d.articleId);
    const original = byId.get(d.duplicateOf);
    if (!copy?.published || !original?.published) continue;
    const gap = daysBetween(original.published, copy.published);
    if (gap < staleAfterDays) continue;
    out.push({
      kind: "STALE_COPY",
      message: `${copy.outlet ?? copy.source} (${copy.published}) republishes ${original.outlet ?? original.source} (${original.published}) ${gap} days later; its relative dates ("on Friday") were re-anchored to ${original.published}`,
      claimIds: [],
      articleIds: [copy.id, original.id],
    });
  }
  return out;
}

export function findDiscrepancies(input: DiscrepancyInput): Discrepancy[] {
  return [
    ...stanceConflicts(input.claims),
    ...actorSwaps(input.claims, input.groupOf),
    ...valueConflicts(input.claims, input.groupOf),
    ...roleConflicts(input.articles),
    ...claimedSourceMismatches(input.articles),
    ...staleCopies(input.articles, input.duplicates, input.staleAfterDays),
  ];
}

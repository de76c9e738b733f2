/**
 * Discrepancies between reports: a holder asserting what another denies; the same act with its actors
 * swapped; conflicting numbers or dates for one event; one person given conflicting roles; a page whose
 * claimed source is not its site; a copy republished long after its original.
 */
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

/** Role nouns: two roles with the same noun but different qualifiers conflict ("defense ministry spokesman"
 * against "unification ministry spokesman"). */
const ROLE_NOUNS =
  /\b(spokes(?:man|woman|person)|minister|director|chairman|chairwoman|chair|chief|ambassador|commander|secretary|envoy|president|premier|head)\b/i;

function describe(c: CanonicalClaim): string {
  const parts = [c.type.toLowerCase().replace(/_/g, " ")];
  if (c.subject) parts.push(`by ${c.subject}`);
  if (c.object) parts.push(`to/against ${c.object}`);
  if (c.item) parts.push(`(${c.quantity ? `${c.quantity.text} ` : ""}${c.item})`);
  return parts.join(" ");
}

function names(list: string[]): string {
  const unique = [...new Set(list)];
  return unique.length <= 1
    ? (unique[0] ?? "someone")
    : `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}

function articleIds(...claims: CanonicalClaim[]): string[] {
  return [...new Set(claims.flatMap((c) => c.evidence.map((e) => e.articleId)))];
}

function sharesStory(a: CanonicalClaim, b: CanonicalClaim): boolean {
  return a.storyIds.some((s) => b.storyIds.includes(s));
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
        message: `${names(asserting)} ${asserting.length > 1 ? "assert" : "asserts"} ${describe(c)}; ${names(denying)} ${denying.length > 1 ? "deny" : "denies"} it`,
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
 * Swapped actors: the same type of act with subject and object exchanged, or the same act towards the same
 * party by a different actor when that actor is one of those accusing the other (the accuser said to do what
 * it accuses someone else of is a mistranslation or a misreading far more often than a confession), or when
 * the quantity is the same.
 */
function actorSwaps(claims: CanonicalClaim[], groupOf: Map<string, string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  const byType = new Map<string, CanonicalClaim[]>();
  for (const c of claims) {
    const list = byType.get(c.type);
    if (list) list.push(c);
    else byType.set(c.type, [c]);
  }
  for (const list of byType.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const [, as, ao] = split(groupOf.get(a.id));
        const [, bs, bo] = split(groupOf.get(b.id));
        if (as === "-" || bs === "-" || as === bs) continue;
        let reason: string | null = null;
        if (ao !== "-" && as === bo && ao === bs) reason = "subject and object are swapped";
        else if (ao !== "-" && ao === bo) {
          const sameQuantity = a.quantity && b.quantity && quantitiesCompatible(a.quantity, b.quantity);
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
    }
  }
  return out;
}

function valueConflicts(claims: CanonicalClaim[], groupOf: Map<string, string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  const byGroup = new Map<string, CanonicalClaim[]>();
  for (const c of claims) {
    const g = groupOf.get(c.id) ?? c.id;
    const list = byGroup.get(g);
    if (list) list.push(c);
    else byGroup.set(g, [c]);
  }
  for (const list of byGroup.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!sharesStory(a, b) || !itemsCompatible(a.item, b.item)) continue;
        if (a.quantity && b.quantity && !quantitiesCompatible(a.quantity, b.quantity)) {
          out.push({
            kind: "QUANTITY_CONFLICT",
            message: `${describe(a)}: ${a.quantity.text} in one report, ${b.quantity.text} in another`,
            claimIds: [a.id, b.id],
            articleIds: articleIds(a, b),
          });
        } else if (
          // Dates alone are too weak (a claim's date is often when it was stated): the two reports must
          // also name the same item or quantity before their dates can be said to conflict.
          ((a.item && b.item) || (a.quantity && b.quantity)) &&
          a.when?.length === 10 &&
          b.when?.length === 10 &&
          !datesCompatible(a.when, b.when) &&
          quantitiesCompatible(a.quantity, b.quantity)
        ) {
          out.push({
            kind: "DATE_CONFLICT",
            message: `${describe(a)}: dated ${a.when} in one report, ${b.when} in another`,
            claimIds: [a.id, b.id],
            articleIds: articleIds(a, b),
          });
        }
      }
    }
  }
  return out;
}

function roleConflicts(articles: LedgerArticle[]): Discrepancy[] {
  const roles = new Map<string, { name: string; seen: Map<string, Set<string>> }>();
  for (const a of articles) {
    for (const e of a.entities) {
      if (e.type !== "PERSON" || e.roles.length === 0) continue;
      let entry = roles.get(e.key);
      if (!entry) {
        entry = { name: e.name, seen: new Map() };
        roles.set(e.key, entry);
      }
      for (const role of e.roles) {
        const r = role
          .toLowerCase()
          .replace(/^(?:a|an|the)\s+/, "")
          .replace(/\s+/g, " ")
          .trim();
        const ids = entry.seen.get(r);
        if (ids) ids.add(a.id);
        else entry.seen.set(r, new Set([a.id]));
      }
    }
  }
  const out: Discrepancy[] = [];
  for (const [key, { name, seen }] of roles) {
    const list = [...seen.keys()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const na = ROLE_NOUNS.exec(a)?.[1]?.toLowerCase();
        const nb = ROLE_NOUNS.exec(b)?.[1]?.toLowerCase();
        if (!na || na !== nb || a.includes(b) || b.includes(a)) continue;
        const ids = [...new Set([...seen.get(a)!, ...seen.get(b)!])];
        if (ids.length < 2) continue;
        out.push({
          kind: "ROLE_CONFLICT",
          message: `${name} is called "${a}" in one report and "${b}" in another`,
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

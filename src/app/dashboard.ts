/** The desk's front page in one use case: latest stories, contested claims, the newest denials. */
import type { Store } from "../store/types.js";
import type { CanonicalClaim, Ledger } from "../types.js";
import { listStories, type StoryListItem } from "./stories.js";

export interface DenialItem {
  claim: CanonicalClaim;
  holder: string;
  published: string | null;
  articleId: string;
  /** The denying sentence. */
  text: string;
}

export interface Dashboard {
  articleCount: number;
  storyCount: number;
  claimCount: number;
  discrepancyCount: number;
  /** Latest stories first. */
  stories: StoryListItem[];
  /** Claims someone asserts and someone denies, most independently supported first. */
  contested: CanonicalClaim[];
  /** Denials from original reports (not copies), newest first. */
  denials: DenialItem[];
}

/** What the front page derives from the whole ledger: its contested claims and its denials, ranked. */
interface LedgerHighlights {
  contested: CanonicalClaim[];
  denials: DenialItem[];
}

/**
 * Highlights per ledger record. Behind the desk's read cache the ledger is one frozen record until the next
 * write, so ranking every claim and every piece of evidence happens once per change instead of on every
 * visit to the front page; a store without that cache gives a fresh record each time, which is ranked afresh.
 */
const highlightsOf = new WeakMap<Ledger, LedgerHighlights>();

function highlights(ledger: Ledger): LedgerHighlights {
  const known = highlightsOf.get(ledger);
  if (known) return known;
  const contested = ledger.claims
    .filter((c) => c.contested)
    .sort(
      (a, b) =>
        b.independentSources - a.independentSources || (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""),
    );
  const denials: DenialItem[] = [];
  for (const claim of ledger.claims) {
    for (const e of claim.evidence) {
      if (e.stance === "DENY" && e.duplicateOf === null) {
        denials.push({
          claim,
          holder: e.holder,
          published: e.published,
          articleId: e.articleId,
          text: e.evidence.text,
        });
      }
    }
  }
  denials.sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
  const out = { contested, denials };
  // Shared between visits from here on: frozen like the ledger they come from.
  if (Object.isFrozen(ledger))
    highlightsOf.set(ledger, Object.freeze({ contested, denials: denials.map((d) => Object.freeze(d)) }));
  return out;
}

export async function getDashboard(store: Store, size = 10): Promise<Dashboard> {
  const [articleCount, allStories, stories, ledger] = await Promise.all([
    store.countArticles(),
    store.listStories(),
    // Only the stories shown: their article summaries, not every article's.
    listStories(store, { limit: size }),
    store.getLedger(),
  ]);
  const { contested, denials } = highlights(ledger);
  return {
    articleCount,
    storyCount: allStories.length,
    claimCount: ledger.claims.length,
    discrepancyCount: ledger.discrepancies.length,
    stories,
    contested: contested.slice(0, size),
    denials: denials.slice(0, size),
  };
}

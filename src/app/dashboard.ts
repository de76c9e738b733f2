/** The desk's front page in one use case: latest stories, contested claims, the newest denials. */
import type { Store } from "../store/types.js";
import type { CanonicalClaim } from "../types.js";
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

export async function getDashboard(store: Store, size = 10): Promise<Dashboard> {
  const [articleCount, stories, ledger] = await Promise.all([
    store.countArticles(),
    listStories(store),
    store.getLedger(),
  ]);
  const contested = ledger.claims
    .filter((c) => c.contested)
    .sort(
      (a, b) =>
        b.independentSources - a.independentSources || (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""),
    )
    .slice(0, size);
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
  return {
    articleCount,
    storyCount: stories.length,
    claimCount: ledger.claims.length,
    discrepancyCount: ledger.discrepancies.length,
    stories: stories.slice(0, size),
    contested,
    denials: denials.slice(0, size),
  };
}

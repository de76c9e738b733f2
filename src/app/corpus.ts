import { clusterStories, findDuplicates, type StoryInput } from "../cluster/index.js";
import { buildLedger, type LedgerArticle } from "../ledger/index.js";
import type { Store } from "../store/types.js";

export interface CorpusSummary {
  stories: number;
  duplicates: number;
  claims: number;
  discrepancies: number;
}

/**
 * Recompute the corpus-level stages over everything stored: near-duplicates, stories (with the user's merge
 * and split decisions re-applied) and the claims ledger, then write each result back atomically. Reads the
 * store once, keeping only the light records the stages need.
 */
export async function refreshCorpus(store: Store): Promise<CorpusSummary> {
  const stories: StoryInput[] = [];
  const ledger: LedgerArticle[] = [];
  const bodies: { id: string; body: string; published: string | null }[] = [];
  for await (const doc of store.iterateArticles(500)) {
    const a = doc.article;
    bodies.push({ id: a.id, body: a.body, published: a.published });
    stories.push({
      id: a.id,
      title: a.title,
      body: a.body.slice(0, 2000),
      published: a.published,
      entityKeys: doc.entities.flatMap((e) =>
        ["STATE", "ORG", "PERSON", "WEAPON", "EVENT", "VESSEL"].includes(e.type)
          ? Array(Math.min(3, e.mentions.length)).fill(e.key)
          : [],
      ),
      claimTypes: doc.claims.map((c) => c.type),
    });
    ledger.push({
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
    });
  }
  const duplicates = findDuplicates(bodies);
  const storyList = clusterStories(stories, duplicates, await store.listStoryDecisions());
  await store.saveClustering({ stories: storyList, duplicates });
  const result = buildLedger({ articles: ledger, duplicates, stories: storyList });
  await store.saveLedger(result);
  return {
    stories: storyList.length,
    duplicates: duplicates.length,
    claims: result.claims.length,
    discrepancies: result.discrepancies.length,
  };
}

import { clusterStories, type DuplicateInput, findDuplicates, type StoryInput } from "../cluster/index.js";
import { buildLedger, type LedgerArticle, ledgerArticleOf } from "../ledger/index.js";
import type { Store } from "../store/types.js";

export interface CorpusSummary {
  stories: number;
  duplicates: number;
  claims: number;
  discrepancies: number;
}

/** The state behind a claim's acting party: the state itself, or the country of a person or organisation
 * ("Kim Jong Un" and "North Korea" both act for state:KP), else the party's own key. */
function actingState(
  name: string | null,
  entities: { key: string; name: string; aliases: string[]; type: string; country?: string | null }[],
): string {
  if (!name) return "-";
  const folded = name.toLowerCase();
  const entity = entities.find(
    (e) => e.name.toLowerCase() === folded || e.aliases.some((a) => a.toLowerCase() === folded),
  );
  if (!entity) return `name:${folded}`;
  if (entity.type !== "STATE" && entity.country) return `state:${entity.country}`;
  return entity.key;
}

/** The light records the corpus-level stages need, read from the store in one pass (in ingest order). */
export interface CorpusInputs {
  bodies: DuplicateInput[];
  stories: StoryInput[];
  ledger: LedgerArticle[];
}

export async function readCorpusInputs(store: Store): Promise<CorpusInputs> {
  const stories: StoryInput[] = [];
  const ledger: LedgerArticle[] = [];
  const bodies: DuplicateInput[] = [];
  for await (const doc of store.iterateArticles(500)) {
    const a = doc.article;
    bodies.push({ id: a.id, body: a.body, published: a.published, outlet: a.outlet });
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
      outlet: a.outlet,
      events: doc.claims.map((c) => `${c.type}|${actingState(c.subject, doc.entities)}`),
    });
    ledger.push(ledgerArticleOf(doc));
  }
  return { bodies, stories, ledger };
}

/**
 * Recompute the corpus-level stages over everything stored: near-duplicates, stories (with the user's merge
 * and split decisions re-applied) and the claims ledger, then write each result back atomically. Reads the
 * store once, keeping only the light records the stages need.
 */
export async function refreshCorpus(store: Store): Promise<CorpusSummary> {
  const { bodies, stories, ledger } = await readCorpusInputs(store);
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

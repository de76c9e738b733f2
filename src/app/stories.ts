/** Use cases for stories: the list (with each article's duplicate status), one story, user decisions. */
import { WatchdeskError } from "../errors.js";
import type { ArticleSummary, PageQuery, Store } from "../store/types.js";
import type { CanonicalClaim, Discrepancy, DuplicateLink, Ledger, Story } from "../types.js";
import { refreshAfterWrites } from "./refresh.js";

export interface StoryArticle {
  id: string;
  source: string;
  title: string;
  outlet: string | null;
  published: string | null;
  /** The original this article copies, or null when it is not a copy. */
  duplicateOf: string | null;
  similarity: number | null;
}

export interface StoryListItem {
  id: string;
  title: string;
  start: string | null;
  end: string | null;
  articles: StoryArticle[];
}

export interface TimelineEntry {
  date: string | null;
  kind: "article" | "claim";
  articleId: string;
  text: string;
  claimId?: string;
  stance?: string;
}

export interface StoryDetail extends StoryListItem {
  /** Canonical claims with evidence in this story, most independently supported first. */
  claims: CanonicalClaim[];
  discrepancies: Discrepancy[];
  timeline: TimelineEntry[];
}

/** Article summaries by id: all of them, or only `ids` (one story's members) when given. */
async function summaries(store: Store, ids?: string[]): Promise<Map<string, ArticleSummary>> {
  const out = new Map<string, ArticleSummary>();
  if (ids) {
    for (let i = 0; i < ids.length; i += 500)
      for (const a of await store.listArticles({ ids: ids.slice(i, i + 500) })) out.set(a.id, a);
    return out;
  }
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.listArticles({ limit: pageSize, offset });
    for (const a of page) out.set(a.id, a);
    if (page.length < pageSize) break;
  }
  return out;
}

function storyItem(
  story: Story,
  articles: Map<string, ArticleSummary>,
  duplicates: Map<string, { duplicateOf: string; similarity: number }>,
): StoryListItem {
  return {
    id: story.id,
    title: story.title,
    start: story.start,
    end: story.end,
    articles: story.articleIds.map((id) => {
      const a = articles.get(id);
      const d = duplicates.get(id);
      return {
        id,
        source: a?.source ?? "",
        title: a?.title ?? "",
        outlet: a?.outlet ?? null,
        published: a?.published ?? null,
        duplicateOf: d?.duplicateOf ?? null,
        similarity: d?.similarity ?? null,
      };
    }),
  };
}

type DuplicateMap = Map<string, { duplicateOf: string; similarity: number }>;

/**
 * Lookups derived from a whole corpus record, kept per record while it cannot change: behind the desk's read
 * cache the duplicate links and the ledger are frozen until the next write, so a story page looks its claims
 * up instead of scanning every canonical claim on every request. Records that are not frozen (no cache) are
 * indexed afresh each time.
 */
const duplicateMaps = new WeakMap<readonly DuplicateLink[], DuplicateMap>();
const ledgerIndexes = new WeakMap<Ledger, LedgerIndex>();

interface LedgerIndex {
  /** Canonical claims by story id, in ledger order. */
  claimsByStory: Map<string, CanonicalClaim[]>;
  /** Positions in `discrepancies` by the claim ids and article ids each names. */
  discrepanciesBy: Map<string, number[]>;
}

function remember<K extends object, V>(memo: WeakMap<K, V>, record: K, build: (r: K) => V): V {
  const known = memo.get(record);
  if (known) return known;
  const value = build(record);
  if (Object.isFrozen(record)) memo.set(record, value);
  return value;
}

async function duplicateMap(store: Store): Promise<DuplicateMap> {
  return remember(
    duplicateMaps,
    await store.listDuplicates(),
    (links) => new Map(links.map((d) => [d.articleId, d])),
  );
}

function indexLedger(ledger: Ledger): LedgerIndex {
  const claimsByStory = new Map<string, CanonicalClaim[]>();
  for (const c of ledger.claims) {
    for (const id of new Set(c.storyIds)) {
      const list = claimsByStory.get(id);
      if (list) list.push(c);
      else claimsByStory.set(id, [c]);
    }
  }
  const discrepanciesBy = new Map<string, number[]>();
  ledger.discrepancies.forEach((d, i) => {
    for (const id of new Set([...d.claimIds, ...d.articleIds])) {
      const list = discrepanciesBy.get(id);
      if (list) list.push(i);
      else discrepanciesBy.set(id, [i]);
    }
  });
  return { claimsByStory, discrepanciesBy };
}

/**
 * Every story, latest first, with its articles and which of them are copies; or one page of them (`limit`,
 * `offset`), which reads the summaries of that page's articles only.
 */
export async function listStories(store: Store, page: PageQuery = {}): Promise<StoryListItem[]> {
  const all = await store.listStories();
  const offset = page.offset !== undefined && page.offset > 0 ? Math.floor(page.offset) : 0;
  const end = page.limit !== undefined && page.limit >= 0 ? offset + Math.floor(page.limit) : undefined;
  const paged = offset > 0 || end !== undefined;
  const stories = paged ? all.slice(offset, end) : all;
  const [articles, duplicates] = await Promise.all([
    paged
      ? summaries(
          store,
          stories.flatMap((s) => s.articleIds),
        )
      : summaries(store),
    duplicateMap(store),
  ]);
  return stories.map((s) => storyItem(s, articles, duplicates));
}

/** Resolve a story id or a unique prefix of one (≥ 4 characters). */
async function findStory(store: Store, id: string): Promise<Story> {
  const exact = await store.getStory(id);
  if (exact) return exact;
  if (id.length >= 4) {
    const matches = (await store.listStories()).filter((s) => s.id.startsWith(id));
    if (matches.length === 1) return matches[0]!;
  }
  throw new WatchdeskError("STORY_NOT_FOUND", "no story has this id", {
    input: id,
    hint: "list story ids with `watchdesk stories`",
  });
}

/** One story: its articles (copies marked), its canonical claims, discrepancies and a timeline. */
export async function getStory(store: Store, id: string): Promise<StoryDetail> {
  const story = await findStory(store, id);
  const [articles, duplicates, ledger] = await Promise.all([
    summaries(store, story.articleIds),
    duplicateMap(store),
    store.getLedger(),
  ]);
  const item = storyItem(story, articles, duplicates);
  const members = new Set(story.articleIds);
  const index = remember(ledgerIndexes, ledger, indexLedger);
  const claims = [...(index.claimsByStory.get(story.id) ?? [])];
  // Discrepancies naming one of its claims or one of its articles, in ledger order.
  const positions = new Set<number>();
  for (const id of [...claims.map((c) => c.id), ...members])
    for (const i of index.discrepanciesBy.get(id) ?? []) positions.add(i);
  const discrepancies = [...positions].sort((a, b) => a - b).map((i) => ledger.discrepancies[i]!);
  const timeline: TimelineEntry[] = [
    ...item.articles.map((a) => ({
      date: a.published,
      kind: "article" as const,
      articleId: a.id,
      text: `${a.outlet ?? a.source}: ${a.title}${a.duplicateOf ? " (copy)" : ""}`,
    })),
    ...claims.flatMap((c) =>
      c.evidence
        .filter((e) => members.has(e.articleId) && !e.duplicateOf)
        .map((e) => ({
          date: e.when && e.when.length === 10 ? e.when : e.published,
          kind: "claim" as const,
          articleId: e.articleId,
          claimId: c.id,
          stance: e.stance,
          text: `${e.holder} (${e.stance} ${c.type.toLowerCase().replace(/_/g, " ")}): ${e.evidence.text}`,
        })),
    ),
  ].sort(
    (a, b) =>
      (a.date ?? "9999").localeCompare(b.date ?? "9999") ||
      (a.kind === b.kind ? 0 : a.kind === "article" ? -1 : 1),
  );
  return { ...item, claims, discrepancies, timeline };
}

/** Record a user's merge of these articles' stories, or a split of one article out of its story, then
 * re-cluster. Decisions are kept and re-applied on every later refresh. */
export async function decideStories(
  store: Store,
  kind: "merge" | "split",
  articleIds: string[],
): Promise<StoryListItem[]> {
  if (kind === "merge" && articleIds.length < 2) {
    throw new WatchdeskError("BAD_DECISION", "a merge needs at least two articles", {
      input: articleIds.join(" "),
      hint: "give one article of each story to merge",
      exitCode: 2,
    });
  }
  for (const id of articleIds) {
    if (!(await store.hasArticle(id))) {
      throw new WatchdeskError("ARTICLE_NOT_FOUND", "no stored article has this id", {
        input: id,
        hint: "list ids with `watchdesk articles`",
      });
    }
  }
  await store.addStoryDecision({ kind, articleIds, createdAt: new Date().toISOString() });
  await refreshAfterWrites(store);
  return listStories(store);
}

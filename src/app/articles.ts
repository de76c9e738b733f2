import { WatchdeskError } from "../errors.js";
import type { ArticleQuery, ArticleSummary, StoredArticle, Store } from "../store/types.js";

export function listArticles(store: Store, query: ArticleQuery = {}): Promise<ArticleSummary[]> {
  return store.listArticles(query);
}

/** One stored article; unknown ids are a user error with a hint. Accepts a unique id prefix (≥ 4 chars). */
export async function getArticle(store: Store, id: string): Promise<StoredArticle> {
  const exact = await store.getArticle(id);
  if (exact) return exact;
  if (id.length >= 4) {
    const matches: string[] = [];
    for await (const a of store.iterateArticles(500)) {
      if (a.article.id.startsWith(id)) matches.push(a.article.id);
      if (matches.length > 1) break;
    }
    if (matches.length === 1) {
      const found = await store.getArticle(matches[0]!);
      if (found) return found;
    }
  }
  throw new WatchdeskError("ARTICLE_NOT_FOUND", "no stored article has this id", {
    input: id,
    hint: "list ids with `watchdesk articles`",
  });
}

import { WatchdeskError } from "../errors.js";
import type { SearchHit, SearchQuery, Store } from "../store/types.js";

export async function searchArticles(store: Store, query: SearchQuery): Promise<SearchHit[]> {
  if (!query.text.trim()) {
    throw new WatchdeskError("EMPTY_QUERY", "the search query is empty", {
      input: JSON.stringify(query.text),
      hint: 'give one or more words, or a "quoted phrase"',
      exitCode: 2,
    });
  }
  return store.search(query);
}

import type { ClaimQuery, Store, StoredClaim } from "../store/types.js";

/** Claims as extracted from each stored article (the ledger merges them into canonical claims). */
export function listClaims(store: Store, query: ClaimQuery = {}): Promise<StoredClaim[]> {
  return store.listClaims(query);
}

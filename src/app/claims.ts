import type { ClaimQuery, Store, StoredClaim } from "../store/types.js";
import { gazetteerEntities } from "./ledger.js";

/** Claims as extracted from each stored article (the ledger merges them into canonical claims). An entity
 * named by a gazetteer alias ("DPRK") is looked up by its key, whatever spelling the articles use. */
export function listClaims(store: Store, query: ClaimQuery = {}): Promise<StoredClaim[]> {
  const known = query.entity ? gazetteerEntities(query.entity) : [];
  if (known.length === 1) return store.listClaims({ ...query, entity: known[0]!.key });
  return store.listClaims(query);
}

/**
 * The per-document pipeline, in order. Reading this file tells the whole flow for one document;
 * corpus-level stages (cluster, ledger) run in the application service over what the store holds.
 *
 *   ingest → clean → extract (entities → attributions, claims, dates, flags) → link
 */
import { cleanDocument } from "./clean/index.js";
import { recognizeEntities } from "./extract/entities/index.js";
import { extract } from "./extract/index.js";
import type { AnalyzedArticle, RawDocument } from "./types.js";

/** Run every per-document stage over one raw document. Pure: no I/O. */
export function analyze(raw: RawDocument): AnalyzedArticle {
  const article = cleanDocument(raw);
  const entities = recognizeEntities(article);
  const { attributions, claims, flags, dates } = extract(article, entities);
  return { article, entities, attributions, claims, flags, dates };
}

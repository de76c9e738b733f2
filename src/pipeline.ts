/**
 * The per-document pipeline, in order. Reading this file tells the whole flow for one document;
 * corpus-level stages (cluster, ledger) run in the application service over what the store holds.
 *
 *   ingest → clean → extract (entities → attributions, claims, dates, flags) → link
 */
import { cleanDocument } from "./clean/index.js";
import { recognizeEntities } from "./extract/entities/index.js";
import { WatchdeskError } from "./errors.js";
import { extract } from "./extract/index.js";
import type { AnalyzedArticle, RawDocument } from "./types.js";

/**
 * The longest cleaned text analysed as one document, in characters: seven times the longest real report seen
 * (a 136 KB transcript). Extraction time grows with the text, so a longer "article" — a concatenated dump, a
 * 50 MB one-line file — is refused with a clear problem instead of holding up the batch for hours.
 */
export const MAX_ANALYZED_CHARS = 1_000_000;

function tooLong(source: string, length: number): WatchdeskError {
  return new WatchdeskError(
    "TEXT_TOO_LONG",
    `its text is ${length} characters long, more than the ${MAX_ANALYZED_CHARS} one document may have`,
    { input: source, hint: "split it into its articles (one per file or per JSON line) and ingest those" },
  );
}

/** Run every per-document stage over one raw document. Pure: no I/O. */
export function analyze(raw: RawDocument): AnalyzedArticle {
  // Plain text never cleans down to half its length: refuse a far too long one before copying it around.
  if (raw.contentType === "text/plain" && raw.content.length > 2 * MAX_ANALYZED_CHARS) {
    throw tooLong(raw.source, raw.content.length);
  }
  const article = cleanDocument(raw);
  if (article.body.trim() === "") {
    // A page of scripts, navigation or broken markup: an empty article would be junk in the ledger.
    throw new WatchdeskError("EMPTY", "no article text was found in it", {
      input: raw.source,
      hint: "the page may hold only navigation or need JavaScript to show its text; save the article's text instead",
    });
  }
  if (article.body.length > MAX_ANALYZED_CHARS) throw tooLong(raw.source, article.body.length);
  const entities = recognizeEntities(article);
  const { attributions, claims, flags, dates } = extract(article, entities);
  return { article, entities, attributions, claims, flags, dates };
}

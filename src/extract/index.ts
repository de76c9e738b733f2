/** Extract stage: attributions, typed claims, resolved dates and text-quality flags for one article. Pure. */
import type { Article, Entity, Extraction } from "../types.js";
import { findAttributions } from "./attributions.js";
import { findClaims } from "./claims.js";
import { findDates } from "./dates.js";
import { actorFlags, articleFlags, homoglyphFlags, pronounFlags } from "./flags.js";
import { garbledListFlags } from "./garbled-list.js";
import { placeMentions } from "./mentions.js";
import { roleConflictFlags } from "./role-conflict.js";
import { splitSentences } from "./sentences.js";
import { firstPersonSpeakers, jointTurn, speechTurn, statementTurn, titleTurn } from "./statements.js";
import { findTurns } from "./turns.js";

export { findAttributions, findQuotes } from "./attributions.js";
export { findClaims, quantityOf } from "./claims.js";
export { findDates } from "./dates.js";
export { type Sentence, splitSentences } from "./sentences.js";

export function extract(article: Article, entities: Entity[]): Omit<Extraction, "entities"> {
  const body = article.body;
  const sentences = splitSentences(body);
  const dates = findDates(body, article.published);
  const { attributions, flags: quoteFlags } = findAttributions(body, sentences, entities);
  // A transcript's turns, or else the statement or speech the text publishes whole: whose voice the text is in.
  const transcript = findTurns(body, entities, article.title);
  const whole =
    transcript.length === 0
      ? (statementTurn(body, entities) ??
        titleTurn(article.title ?? "", body, entities) ??
        jointTurn(body, entities))
      : null;
  const turns = whole ? [whole] : transcript;
  // A report of a speech ("Kim Jong Un Makes Important Speech") quotes its "I" unmarked: the speaker's, though
  // the report's claims stay the outlet's.
  const speech = turns.length === 0 ? speechTurn(article.title ?? "", body, entities) : null;
  firstPersonSpeakers(body, attributions, speech ? [speech] : turns);
  const claims = findClaims({
    body,
    sentences,
    entities,
    attributions,
    dates,
    outlet: article.outlet ?? article.claimedSource ?? "outlet",
    turns,
  });
  // Mentions in text order, sorted once for the flags that look around them.
  const placed = placeMentions(entities);
  const flags = [
    ...articleFlags(article),
    ...quoteFlags,
    ...pronounFlags(body, attributions, entities, placed),
    ...actorFlags(claims),
    ...roleConflictFlags(body, entities, attributions, placed),
    ...garbledListFlags(body, sentences, entities, claims, placed),
    ...homoglyphFlags(entities),
  ];
  return { attributions, claims, flags, dates };
}

/** Link stage: the UN sanctions list (parse, diff) and matching article entities against it. */
export { COUNTRY_CODES, countryCode } from "./countries.js";
export {
  type ArticleRef,
  articlesToFtm,
  entityFtmId,
  entryId,
  type FtmEntity,
  sanctionsToFtm,
  toCsv,
  toJsonLines,
} from "./ftm.js";
export { diffSanctionsLists, type SanctionsChange, type SanctionsDiff } from "./diff.js";
export {
  buildSanctionsIndex,
  DEFAULT_THRESHOLD,
  linkEntities,
  type MatchOptions,
  matchEntity,
  type Candidate,
  type SanctionsIndex,
  scoreEntry,
} from "./match.js";
export {
  editDistance,
  nameSimilarity,
  nameTokens,
  normalizeName,
  type PreparedName,
  personParts,
  personSimilarity,
  prepareName,
  preparedSimilarity,
} from "./normalize.js";
export { parseSanctionsXml, vesselsInComment } from "./sanctions-list.js";

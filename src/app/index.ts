/**
 * The application service: one function per use case. The CLI, the HTTP API and the web UI are thin shells
 * that parse input, call one of these, and present the result.
 */
export { analyzeInput } from "./analyze.js";
export { type Dashboard, type DenialItem, getDashboard } from "./dashboard.js";
export { type ClaimGraph, claimGraph, type GraphEdge, type GraphNode, type GraphQuery } from "./graph.js";
export { ingestUploads, safeUploadName, type Upload } from "./upload.js";
export { getArticle, listArticles } from "./articles.js";
export { listClaims } from "./claims.js";
export { type Config, DEFAULT_DATABASE, loadConfig } from "./config.js";
export { type CorpusSummary, refreshCorpus } from "./corpus.js";
export {
  type EntityDetail,
  type EntityExportFormat,
  type EntityListItem,
  type EntitySpelling,
  exportEntities,
  getEntity,
  listEntities,
} from "./entities.js";
export { type ExportFormat, type ExportKind, exportStore } from "./export.js";
export { type IngestProgress, type IngestReport, type IngestRequest, ingestInputs } from "./ingest.js";
export {
  type ChangesSince,
  changesSince,
  getClaim,
  type LedgerQuery,
  listDiscrepancies,
  listLedger,
} from "./ledger.js";
export {
  checkName,
  diffSanctionsFiles,
  type EntityMatch,
  importSanctions,
  linkAnalysis,
  matchSanctions,
  type NameCheck,
  sanctionsIndexFor,
} from "./sanctions.js";
export { searchArticles } from "./search.js";
export {
  decideStories,
  getStory,
  listStories,
  type StoryArticle,
  type StoryDetail,
  type StoryListItem,
  type TimelineEntry,
} from "./stories.js";
export {
  type CreatedToken,
  createToken,
  listTokens,
  revokeToken,
  type TokenIdentity,
  verifyToken,
} from "./tokens.js";

import type {
  AnalyzedArticle,
  Attribution,
  Claim,
  ClaimType,
  DuplicateLink,
  Entity,
  EntityType,
  IngestProblem,
  Ledger,
  SanctionsLink,
  SanctionsList,
  Stance,
  Story,
  StoryDecision,
} from "../types.js";

/** An analyzed article as kept in the store. */
export interface StoredArticle extends AnalyzedArticle {
  ingestedAt: string;
}

/** What list views show of an article. */
export interface ArticleSummary {
  id: string;
  source: string;
  url: string | null;
  title: string;
  outlet: string | null;
  claimedSource: string | null;
  published: string | null;
  ingestedAt: string;
  entityCount: number;
  claimCount: number;
  flagCount: number;
}

export interface ArticleQuery {
  /** Only these articles (e.g. the members of one story). */
  ids?: string[];
  outlet?: string;
  /** Inclusive `YYYY-MM-DD` bounds on the publication date. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface PutResult {
  id: string;
  /** False when the article was already stored (re-ingest): nothing was written. */
  inserted: boolean;
}

export interface SearchQuery {
  /** Full-text query: words, "quoted phrases"; matched against title and body. */
  text: string;
  outlet?: string;
  /** Entity key or canonical name. */
  entity?: string;
  claimType?: ClaimType;
  stance?: Stance;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  source: string;
  /** A fragment of the body around the match, with the matched words wrapped in «…». */
  snippet: string;
  score: number;
}

/** A claim as extracted from one article, with the article it came from. */
export interface StoredClaim extends Claim {
  articleId: string;
  /** Index of the claim within its article's `claims`. */
  index: number;
  outlet: string | null;
  published: string | null;
  source: string;
}

export interface ClaimQuery {
  type?: ClaimType;
  /** Entity key, canonical name or alias (case-insensitive) that must be among the claim's actors/subject/object/holder. */
  entity?: string;
  stance?: Stance;
  articleId?: string;
  limit?: number;
  offset?: number;
}

export interface StoredAttribution extends Attribution {
  articleId: string;
  index: number;
}

/** An entity across all stored articles, grouped by its canonical key. */
export interface EntitySummary {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  mentionCount: number;
  articleCount: number;
}

export interface EntityQuery {
  type?: EntityType;
  /** Substring of the name or an alias, case-insensitive. */
  name?: string;
  limit?: number;
  offset?: number;
}

/** The per-article occurrence of an entity (for entity pages and linking). */
export interface StoredEntity extends Entity {
  articleId: string;
}

/** A page of a long list: skip `offset` items, then give at most `limit` (no `limit`: all the rest). */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** One way an entity was written across its occurrences (a trailing possessive 's or ’s dropped). */
export interface EntityForm {
  form: string;
  mentions: number;
  /** Articles with at least one mention in this form. */
  articles: number;
  /** How its mentions were tied to the entity in their article ("name", "alias", "surname"…), with counts. */
  via: Record<string, number>;
}

/**
 * What an entity page shows of all of an entity's occurrences at once, summed by the store: one record
 * however many articles name the entity, so the page can show its totals and read its articles and claims a
 * page at a time.
 */
export interface EntityProfile {
  key: string;
  /** Name, type and country of the first occurrence (earliest ingested article). */
  name: string;
  type: EntityType;
  country: string | null;
  /** The first IMO number any occurrence gives (vessels). */
  imo: string | null;
  occurrenceCount: number;
  articleCount: number;
  mentionCount: number;
  /** Every form, in no particular order. */
  forms: EntityForm[];
  /** Roles given in the occurrences, each with the number of occurrences giving it. */
  roles: Record<string, number>;
  /** Sanctions links the link stage stored on the occurrences, one per reference (the latest occurrence's). */
  sanctions: SanctionsLink[];
}

export interface StoredProblem extends IngestProblem {
  at: string;
}

/** An API token as kept in the store: never the token itself, only a hash of its secret part. */
export interface StoredToken {
  /** Public id (the token's second part): says which token was used without revealing it. */
  id: string;
  name: string;
  /** Hex SHA-256 of the token's secret part. */
  hash: string;
  createdAt: string;
  /** Set when the token was revoked; a revoked token opens nothing. */
  revokedAt: string | null;
}

/** How long `withExclusiveLock` waits for another holder of the lock. */
export interface LockOptions {
  /** Give up with STORE_LOCK_TIMEOUT after waiting this long, in ms (default 15 minutes). */
  waitMs?: number;
}

/**
 * The one storage interface. Every engine (SQLite by default, Postgres to scale out) implements it and
 * passes the same contract suite (src/store/contract.ts). Stages never see a Store: the application
 * service reads records out, runs pure stages over them, and writes results back.
 */
export interface OutletCount {
  outlet: string;
  articles: number;
}

export interface Store {
  readonly engine: "sqlite" | "postgres";
  /** Bring the schema up to date. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Store an analyzed article with its entities, attributions, claims and flags, atomically.
   * Idempotent by `article.id`: storing the same article again writes nothing and returns inserted=false. */
  putArticle(doc: AnalyzedArticle): Promise<PutResult>;
  hasArticle(id: string): Promise<boolean>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(query?: ArticleQuery): Promise<ArticleSummary[]>;
  countArticles(): Promise<number>;
  /** Every outlet named by a stored article, with how many articles it has, by name. */
  listOutlets(): Promise<OutletCount[]>;
  /** Every stored article, oldest ingest first, in pages (for clustering and the ledger). */
  iterateArticles(batchSize?: number): AsyncIterable<StoredArticle>;

  search(query: SearchQuery): Promise<SearchHit[]>;
  listClaims(query?: ClaimQuery): Promise<StoredClaim[]>;
  /** How many claims `listClaims(query)` would give without its `limit` and `offset`. */
  countClaims(query?: ClaimQuery): Promise<number>;
  listAttributions(articleId: string): Promise<StoredAttribution[]>;
  listEntities(query?: EntityQuery): Promise<EntitySummary[]>;
  /** The per-article occurrences of the entity with this canonical key, in ingest order (all, or a page). */
  getEntityOccurrences(key: string, page?: PageQuery): Promise<StoredEntity[]>;
  /** Totals and forms over every occurrence of the entity with this key; null when no article names it. */
  getEntityProfile(key: string): Promise<EntityProfile | null>;

  /** Replace the stored stories and duplicate links with a new clustering result, atomically. */
  saveClustering(result: { stories: Story[]; duplicates: DuplicateLink[] }): Promise<void>;
  listStories(): Promise<Story[]>;
  getStory(id: string): Promise<Story | null>;
  listDuplicates(): Promise<DuplicateLink[]>;
  addStoryDecision(decision: StoryDecision): Promise<void>;
  listStoryDecisions(): Promise<StoryDecision[]>;

  /** Replace the stored ledger, atomically. */
  saveLedger(ledger: Ledger): Promise<void>;
  getLedger(): Promise<Ledger>;

  /** Replace the stored sanctions list (the link stage computes diffs between the old and the new one). */
  saveSanctionsList(list: SanctionsList): Promise<void>;
  getSanctionsList(): Promise<SanctionsList | null>;

  /** Keep a record of an input that could not be ingested. */
  recordProblem(problem: IngestProblem): Promise<void>;
  listProblems(): Promise<StoredProblem[]>;

  /** Keep a new API token (its hash only). A token id seen twice is an error. */
  saveToken(token: StoredToken): Promise<void>;
  getToken(id: string): Promise<StoredToken | null>;
  /** Every token, oldest first. */
  listTokens(): Promise<StoredToken[]>;
  /** Mark a token revoked; false when no live token has this id. */
  revokeToken(id: string, at: string): Promise<boolean>;

  /**
   * Run `fn` holding the store-wide exclusive lock `name`: callers with the same name run one at a time,
   * whatever process or machine they are in (Postgres: an advisory lock; SQLite: a lease row). The lock is
   * let go when `fn` settles, or when its holder dies. Re-entrant: `fn` may take the same lock again.
   * Used to serialise corpus refreshes, so the last one always reads every committed article.
   */
  withExclusiveLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
}

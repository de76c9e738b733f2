/**
 * The tables of a Watchdesk store, as Kysely sees them. Both engines create the same tables (each through its
 * own migrations, src/store/migrations/); JSON columns are TEXT in SQLite and JSONB in Postgres, so reads go
 * through `parseJson`, which accepts either form.
 *
 * Names are lower-cased in JavaScript (SQLite's `lower()` only folds ASCII). Lookups by name go through the
 * indexed `entity_names` and `claim_actors` tables; the `|a|b|c|` lists in `entities.names_lc` and
 * `claims.parties_lc` (version 1) are no longer read by the store but kept for ad-hoc SQL
 * (`LIKE '%|north korea|%'`).
 */
import type { Generated } from "kysely";

/** JSON as written (a string) and as read (a string in SQLite, already parsed in Postgres). */
export type JsonColumn = string | unknown;

export interface ArticlesTable {
  /** Ingest order; "oldest ingest first" is `ORDER BY seq`. */
  seq: Generated<number>;
  id: string;
  source: string;
  url: string | null;
  title: string;
  outlet: string | null;
  claimed_source: string | null;
  published: string | null;
  ingested_at: string;
  entity_count: number;
  claim_count: number;
  flag_count: number;
  /** Kept out of `doc` so it is stored once (and indexed for full-text search). */
  body: string;
  /** The whole AnalyzedArticle, with `article.body` emptied. */
  doc: JsonColumn;
}

export interface EntitiesTable {
  article_id: string;
  idx: number;
  local_id: string;
  key: string;
  name: string;
  type: string;
  aliases: JsonColumn;
  roles: JsonColumn;
  names_lc: string;
  mention_count: number;
  json: JsonColumn;
}

export interface ClaimsTable {
  article_id: string;
  idx: number;
  type: string;
  subject: string | null;
  object: string | null;
  item: string | null;
  holder: string;
  stance: string;
  when_: string | null;
  parties_lc: string;
  json: JsonColumn;
}

/**
 * Who a claim involves, for indexed lookups: every entity key in `actors`, plus `name:<lower-cased name>` for
 * its subject, object and holder (so a claim is found by a name no entity carries, e.g. "analysts").
 */
export interface ClaimActorsTable {
  article_id: string;
  claim_idx: number;
  actor: string;
}

/** Every (key, lower-cased name or alias) pair seen: resolves a name to entity keys with one index lookup. */
export interface EntityNamesTable {
  key: string;
  name_lc: string;
}

export interface AttributionsTable {
  article_id: string;
  idx: number;
  speaker: string | null;
  speaker_key: string | null;
  json: JsonColumn;
}

export interface FlagsTable {
  article_id: string;
  idx: number;
  kind: string;
  json: JsonColumn;
}

/**
 * Per-key totals across articles, kept up to date as articles are stored (articles never change once stored,
 * so adding each new article's counts is exact). The entity list reads these instead of grouping every
 * occurrence: at 100k articles that is milliseconds instead of seconds.
 */
export interface EntityStatsTable {
  key: string;
  article_count: number;
  mention_count: number;
}

/** How often each name, type, alias and role was given to a key (`kind` is one of those four). */
export interface EntityVariantsTable {
  key: string;
  kind: "name" | "type" | "alias" | "role";
  value: string;
  n: number;
}

export interface StoriesTable {
  id: string;
  position: number;
  title: string;
  start_date: string | null;
  end_date: string | null;
}

export interface StoryArticlesTable {
  story_id: string;
  article_id: string;
  position: number;
}

export interface DuplicatesTable {
  article_id: string;
  duplicate_of: string;
  similarity: number;
  kind: string;
}

export interface StoryDecisionsTable {
  seq: Generated<number>;
  kind: string;
  article_ids: JsonColumn;
  created_at: string;
}

export interface LedgerClaimsTable {
  position: number;
  id: string;
  type: string;
  json: JsonColumn;
}

export interface LedgerDiscrepanciesTable {
  position: number;
  kind: string;
  json: JsonColumn;
}

export interface SanctionsListsTable {
  /** Always 1: the store keeps the current list only. */
  id: number;
  generated: string;
  source: string;
}

export interface SanctionsEntriesTable {
  position: number;
  reference: string;
  kind: string;
  name: string;
  json: JsonColumn;
}

export interface ProblemsTable {
  seq: Generated<number>;
  source: string;
  code: string;
  message: string;
  hint: string;
  at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface StoreDatabase {
  articles: ArticlesTable;
  entities: EntitiesTable;
  claims: ClaimsTable;
  claim_actors: ClaimActorsTable;
  entity_names: EntityNamesTable;
  entity_stats: EntityStatsTable;
  entity_variants: EntityVariantsTable;
  attributions: AttributionsTable;
  flags: FlagsTable;
  stories: StoriesTable;
  story_articles: StoryArticlesTable;
  duplicates: DuplicatesTable;
  story_decisions: StoryDecisionsTable;
  ledger_claims: LedgerClaimsTable;
  ledger_discrepancies: LedgerDiscrepanciesTable;
  sanctions_lists: SanctionsListsTable;
  sanctions_entries: SanctionsEntriesTable;
  problems: ProblemsTable;
  api_tokens: ApiTokensTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Read a JSON column: SQLite hands back the text, Postgres the parsed value. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** `|a|b|` — lower-cased, for case-insensitive exact (`%|x|%`) and substring matches with LIKE. */
export function namesColumn(names: Iterable<string | null | undefined>): string {
  const out = new Set<string>();
  for (const n of names) if (n) out.add(n.toLowerCase().replaceAll("|", " "));
  return `|${[...out].join("|")}|`;
}

/** The claim_actors entry that stands for a party named in a claim (subject, object, holder). */
export function partyActor(name: string): string {
  return `name:${name.toLowerCase()}`;
}

/** Escape `%`, `_` and the escape character itself for `LIKE … ESCAPE '\'`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * SQLite schema. Full-text search is an FTS5 table over title and body with external content (the text is
 * stored once, in `articles`), kept in step by triggers. The porter stemmer over unicode61 (diacritics folded)
 * makes "shell" find "shells" and "Pyongyang" find "Pyŏngyang".
 */
import type { Migration } from "./runner.js";

const perArticle = "article_id text not null references articles(id) on delete cascade";

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: "articles, extraction, corpus, sanctions, problems",
    statements: [
      `create table articles (
        seq integer primary key,
        id text not null unique,
        source text not null,
        url text,
        title text not null,
        outlet text,
        claimed_source text,
        published text,
        ingested_at text not null,
        entity_count integer not null,
        claim_count integer not null,
        flag_count integer not null,
        body text not null,
        doc text not null)`,
      "create index articles_outlet on articles(outlet)",
      "create index articles_published on articles(published)",
      `create table entities (
        ${perArticle}, idx integer not null, local_id text not null, key text not null, name text not null,
        type text not null, aliases text not null, roles text not null, names_lc text not null,
        mention_count integer not null, json text not null, primary key (article_id, idx))`,
      "create index entities_key on entities(key)",
      "create index entities_type on entities(type)",
      `create table claims (
        ${perArticle}, idx integer not null, type text not null, subject text, object text, item text,
        holder text not null, stance text not null, when_ text, parties_lc text not null, json text not null,
        primary key (article_id, idx))`,
      "create index claims_type on claims(type, stance)",
      `create table claim_actors (
        ${perArticle}, claim_idx integer not null, actor text not null,
        primary key (article_id, claim_idx, actor))`,
      "create index claim_actors_actor on claim_actors(actor)",
      `create table attributions (
        ${perArticle}, idx integer not null, speaker text, speaker_key text, json text not null,
        primary key (article_id, idx))`,
      `create table flags (
        ${perArticle}, idx integer not null, kind text not null, json text not null,
        primary key (article_id, idx))`,
      "create index flags_kind on flags(kind)",
      `create table stories (
        id text primary key, position integer not null, title text not null, start_date text, end_date text)`,
      `create table story_articles (
        story_id text not null references stories(id) on delete cascade, article_id text not null,
        position integer not null, primary key (story_id, article_id))`,
      "create index story_articles_article on story_articles(article_id)",
      `create table duplicates (
        article_id text primary key, duplicate_of text not null, similarity real not null, kind text not null)`,
      `create table story_decisions (
        seq integer primary key, kind text not null, article_ids text not null, created_at text not null)`,
      "create table ledger_claims (position integer primary key, id text not null, type text not null, json text not null)",
      "create table ledger_discrepancies (position integer primary key, kind text not null, json text not null)",
      "create table sanctions_lists (id integer primary key check (id = 1), generated text not null, source text not null)",
      `create table sanctions_entries (
        position integer primary key, reference text not null, kind text not null, name text not null,
        json text not null)`,
      `create table problems (
        seq integer primary key, source text not null, code text not null, message text not null,
        hint text not null, at text not null)`,
    ],
  },
  {
    version: 2,
    name: "full-text search over title and body (FTS5)",
    statements: [
      `create virtual table articles_fts using fts5(
        title, body, content='articles', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2')`,
      `create trigger articles_fts_insert after insert on articles begin
        insert into articles_fts(rowid, title, body) values (new.seq, new.title, new.body);
      end`,
      `create trigger articles_fts_delete after delete on articles begin
        insert into articles_fts(articles_fts, rowid, title, body) values ('delete', old.seq, old.title, old.body);
      end`,
      "insert into articles_fts(articles_fts) values ('rebuild')",
    ],
  },
  {
    version: 3,
    name: "indexed lookups of entities by name and of claims by party",
    statements: [
      "create table entity_names (key text not null, name_lc text not null, primary key (name_lc, key))",
      "create index entity_names_key on entity_names(key)",
      // Backfill what version 1 stored (lower() folds ASCII only in SQLite; new rows are folded in JavaScript).
      "insert into entity_names (key, name_lc) select distinct key, lower(name) from entities where true on conflict do nothing",
      `insert into entity_names (key, name_lc) select distinct e.key, lower(j.value) from entities e, json_each(e.aliases) j
        where true on conflict do nothing`,
      `insert into claim_actors (article_id, claim_idx, actor)
        select article_id, idx, 'name:' || lower(subject) from claims where subject is not null on conflict do nothing`,
      `insert into claim_actors (article_id, claim_idx, actor)
        select article_id, idx, 'name:' || lower(object) from claims where object is not null on conflict do nothing`,
      `insert into claim_actors (article_id, claim_idx, actor)
        select article_id, idx, 'name:' || lower(holder) from claims where holder is not null on conflict do nothing`,
    ],
  },
  {
    version: 4,
    name: "running entity totals for the entity list",
    statements: [
      "create table entity_stats (key text primary key, article_count integer not null, mention_count integer not null)",
      "create index entity_stats_rank on entity_stats(article_count desc, mention_count desc, key)",
      `create table entity_variants (key text not null, kind text not null, value text not null, n integer not null,
        primary key (key, kind, value))`,
      // Backfill from what earlier versions stored.
      `insert into entity_stats (key, article_count, mention_count)
        select key, count(distinct article_id), sum(mention_count) from entities group by key`,
      "insert into entity_variants (key, kind, value, n) select key, 'name', name, count(*) from entities group by key, name",
      "insert into entity_variants (key, kind, value, n) select key, 'type', type, count(*) from entities group by key, type",
      `insert into entity_variants (key, kind, value, n)
        select e.key, 'alias', j.value, count(*) from entities e, json_each(e.aliases) j group by e.key, j.value`,
      `insert into entity_variants (key, kind, value, n)
        select e.key, 'role', j.value, count(*) from entities e, json_each(e.roles) j group by e.key, j.value`,
    ],
  },
  {
    version: 5,
    name: "index for the article list (newest first, undated last)",
    statements: ["create index articles_newest on articles(published is null, published desc, seq)"],
  },
  {
    version: 6,
    name: "API tokens (hashes only) for the HTTP API's writes",
    statements: [
      `create table api_tokens (
        id text primary key, name text not null, hash text not null, created_at text not null, revoked_at text)`,
    ],
  },
];

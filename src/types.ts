/**
 * The records that flow between pipeline stages. Each stage is a pure function from one of these
 * to the next; see docs/ARCHITECTURE.md for the diagram.
 *
 *   RawDocument ─clean→ Article ─extract→ Extraction ─link→ (canonical entities)
 *                                   └────────────── store ──→ cluster → Story / DuplicateLink
 *                                                          └→ ledger  → CanonicalClaim / Discrepancy
 *
 * Every extracted fact carries character offsets into `Article.body` (half-open [start, end)), so it
 * always points at its evidence.
 */

/** A half-open character range into `Article.body`. */
export type Span = [start: number, end: number];

/** A piece of the cleaned body, with its offsets. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

// ───────────────────────────── ingest ─────────────────────────────

export type SourceKind = "text" | "html" | "json" | "jsonl" | "feed" | "url";

/** One document as read from a file, a JSON line, a feed item or a URL, before any cleaning. */
export interface RawDocument {
  /** Where it came from: a path, a URL, or `path#N` for the N-th (1-based) record of a JSONL file/feed. */
  source: string;
  kind: SourceKind;
  /** The media type the content was detected as. */
  contentType: "text/plain" | "text/html";
  /** Decoded text (UTF-8 or the declared charset). */
  content: string;
  /** Metadata that the container already gave us (JSON fields, feed item fields, HTTP headers). */
  hints: DocumentHints;
}

export interface DocumentHints {
  id?: string;
  title?: string;
  url?: string;
  published?: string;
  outlet?: string;
  byline?: string;
  section?: string;
}

/** A problem with one input. Ingest reports it and goes on with the rest of the batch. */
export interface IngestProblem {
  source: string;
  code: string;
  message: string;
  hint: string;
}

// ───────────────────────────── clean ──────────────────────────────

export type RemovalReason =
  | "site-name"
  | "tagline"
  | "repeated-title"
  | "title"
  | "date-line"
  | "claimed-source"
  | "photo-credit"
  | "caption"
  | "see-also"
  | "share-bar"
  | "newsletter"
  | "related"
  | "comments"
  | "navigation"
  | "advertisement"
  | "byline"
  | "empty"
  | "other";

export interface RemovedText {
  text: string;
  reason: RemovalReason;
}

/** How the publication date was found, most trusted first. */
export type PublishedFrom =
  | "hint"
  | "json-ld"
  | "meta"
  | "time-element"
  | "url"
  | "first-line"
  | "dateline"
  | "none";

/** A cleaned article: body text and metadata. All offsets elsewhere point into `body`. */
export interface Article {
  /** Stable id: a hash of the normalised body (so re-ingesting the same text never duplicates). */
  id: string;
  source: string;
  url: string | null;
  title: string;
  section: string | null;
  /** `YYYY-MM-DD`, or null when no date could be found. */
  published: string | null;
  publishedFrom: PublishedFrom;
  outlet: string | null;
  /** When a page attributes itself to another outlet (" - BBC.co.uk" on a site that is not the BBC). */
  claimedSource: string | null;
  dateline: string | null;
  byline: string | null;
  /** ISO 639-1 code, `und` when unknown. */
  language: string;
  /** Cleaned body; paragraphs separated by a blank line ("\n\n"). */
  body: string;
  removed: RemovedText[];
}

// ───────────────────────────── extract ────────────────────────────

export type EntityType = "PERSON" | "ORG" | "STATE" | "PLACE" | "WEAPON" | "VESSEL" | "EVENT";

export interface Mention {
  start: number;
  end: number;
  text: string;
  /** How this mention was tied to the entity: "name", "alias", "metonym", "pronoun", "role", "surname"… */
  via?: string;
}

export type Gender = "male" | "female" | "unknown";

/** One real-world thing as it appears in one article. */
export interface Entity {
  /** Article-local id; `key` is the cross-article canonical key when known. */
  id: string;
  /** Canonical name ("Kim Jong Un", "North Korea"). */
  name: string;
  type: EntityType;
  /** Surface forms seen in this article, canonical name first. */
  aliases: string[];
  mentions: Mention[];
  /** Roles given to the entity in this article ("defense ministry spokesman"). */
  roles: string[];
  gender: Gender;
  /** Canonical key from the gazetteer ("person:kim-jong-un", "state:KP"), or a derived one for unseen names. */
  key: string;
  /** For states: ISO 3166 alpha-2 code. For people and organisations: their country when known. */
  country?: string | null;
  /** Set by the link stage when the entity is tied to a sanctions-list record. */
  sanctions?: SanctionsLink[];
  /** For vessels: the IMO number the article gives next to the name, when it gives one. */
  imo?: string | null;
}

export interface SanctionsLink {
  /** The list's reference number, e.g. KPi.033 or KPe.020. */
  reference: string;
  name: string;
  score: number;
  features: Record<string, number>;
}

export interface Attribution {
  /** Canonical name of the speaker, or null when no speaker could be found. */
  speaker: string | null;
  /** The entity key of the speaker, when it is a known entity. */
  speakerKey: string | null;
  /** The text that names the speaker where the quote is ("he", "Koo Byoung-sam", "the spokesman"). */
  speakerText: string | null;
  role: string | null;
  cue: string;
  content: string;
  /** True for direct (quotation-marked) speech. */
  quoted: boolean;
  /** The channel the statement reached us through ("KCNA", "state media"), canonical when known. */
  channel: string | null;
  confidence: number;
  spans: { source: Span[]; cue: Span[]; content: Span[] };
}

export type Stance = "ASSERT" | "DENY" | "HEDGE" | "DECLINE";

/** Claim types are data (see src/extract/lexicons); these are the built-in ones. */
export type ClaimType =
  | "ARMS_TRANSFER"
  | "WEAPONS_TEST"
  | "WEAPONS_DEVELOPMENT"
  | "MILITARY_COOPERATION"
  | "MILITARY_EXERCISE"
  | "SANCTIONS_ACTION"
  | "SANCTIONS_VIOLATION"
  | "DIPLOMATIC_CONTACT"
  | "THREAT"
  | "PERSONNEL_CHANGE"
  | (string & {});

export interface Quantity {
  /** As written: "about 7,000". */
  text: string;
  value: number;
  approximate: boolean;
}

export interface Claim {
  type: ClaimType;
  /** Canonical name of the acting party (North Korea), or null when the text does not say. */
  subject: string | null;
  object: string | null;
  item: string | null;
  quantity: Quantity | null;
  /** Resolved date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when unresolved or absent. */
  when: string | null;
  whenText: string | null;
  /** Why `whenText` could not be resolved, when it could not. */
  whenNote?: string | null;
  /** Who holds the claim: the attributed speaker, or the outlet when it states the fact in its own voice. */
  holder: string;
  holderKind: "speaker" | "outlet" | "unknown";
  stance: Stance;
  confidence: number;
  /** Entity keys of every party named in the claim (subject, object, holder). */
  actors: string[];
  evidence: Evidence;
}

export type FlagKind =
  | "PRONOUN_MISMATCH"
  | "ACTOR_INCONSISTENT"
  | "UNBALANCED_QUOTE"
  | "QUOTE_WITHOUT_SPEAKER"
  | "GARBLED"
  | "UNVERIFIED_PROVENANCE"
  | "DATE_UNKNOWN"
  | "DATE_RESOLVED"
  | "DATE_UNRESOLVED"
  | "ROLE_CONFLICT"
  | "HOMOGLYPH_NAME"
  | (string & {});

export interface Flag {
  kind: FlagKind;
  message: string;
  evidence: Evidence | null;
}

/** A date expression found in the body and what it resolves to. */
export interface DateMention {
  text: string;
  start: number;
  end: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or null. */
  resolved: string | null;
  /** Why it could not be resolved (no publication date, too vague…). */
  note: string | null;
}

export interface Extraction {
  entities: Entity[];
  attributions: Attribution[];
  claims: Claim[];
  flags: Flag[];
  dates: DateMention[];
}

/** The output of `analyze`: one article and everything extracted from it. */
export interface AnalyzedArticle {
  article: Article;
  entities: Entity[];
  attributions: Attribution[];
  claims: Claim[];
  flags: Flag[];
  dates: DateMention[];
}

// ───────────────────────────── cluster ────────────────────────────

export interface DuplicateLink {
  articleId: string;
  /** The earliest article of its duplicate group. */
  duplicateOf: string;
  /** Estimated Jaccard similarity of word shingles (1 for exact copies). */
  similarity: number;
  kind: "exact" | "near";
}

export interface Story {
  id: string;
  title: string;
  /** Earliest and latest publication dates of its articles (`YYYY-MM-DD`), null when none is dated. */
  start: string | null;
  end: string | null;
  articleIds: string[];
}

/** A user's decision about stories, kept across re-runs. */
export interface StoryDecision {
  kind: "merge" | "split";
  /** merge: all these articles' stories become one; split: these articles (with their copies) leave their
   * stories together and form one new story. */
  articleIds: string[];
  createdAt: string;
}

// ───────────────────────────── ledger ─────────────────────────────

export interface ClaimEvidence {
  articleId: string;
  source: string;
  outlet: string | null;
  published: string | null;
  holder: string;
  holderKind: Claim["holderKind"];
  stance: Stance;
  /** The claim's date as this article gives it (re-anchored to the original for a stale copy). */
  when: string | null;
  whenText: string | null;
  /** Set when `when` was re-resolved against the original's publication date (a stale copy): what this
   * article's own date gave, and the original's publication date it was resolved against instead. */
  reanchored?: { from: string | null; against: string };
  evidence: Evidence;
  /** Set when the article is a copy of another: the original's id. */
  duplicateOf: string | null;
  /** The source this evidence counts as (see ledger/ledger.ts: speaker once, else the original's outlet). */
  sourceKey: string;
}

export interface ClaimHolder {
  holder: string;
  stance: Stance;
  mentions: number;
}

export interface CanonicalClaim {
  id: string;
  type: ClaimType;
  subject: string | null;
  object: string | null;
  item: string | null;
  quantity: Quantity | null;
  when: string | null;
  /** Entity keys of every party named in any of its claims. */
  actors: string[];
  holders: ClaimHolder[];
  evidence: ClaimEvidence[];
  /** Stories its evidence belongs to. */
  storyIds: string[];
  /** Earliest and latest publication date of its evidence. */
  firstSeen: string | null;
  lastSeen: string | null;
  mentions: number;
  outlets: number;
  /** Distinct articles after collapsing copies, and keeping the asserting actor apart from relaying outlets. */
  independentSources: number;
  contested: boolean;
  /** Every source behind the claim with its stance (a speaker once, or an outlet in its own voice; a copy
   * counts as its original's outlet), with the articles it appears in. */
  sources?: { key: string; stance: Stance; articleIds: string[] }[];
}

export type DiscrepancyKind =
  | "STANCE_CONFLICT"
  | "ACTOR_SWAP"
  | "DATE_CONFLICT"
  | "QUANTITY_CONFLICT"
  | "ROLE_CONFLICT"
  | "CLAIMED_SOURCE_MISMATCH"
  | "STALE_COPY"
  | (string & {});

export interface Discrepancy {
  kind: DiscrepancyKind;
  message: string;
  /** The entity keys concerned (for ROLE_CONFLICT: the person). */
  entityKeys?: string[];
  claimIds: string[];
  articleIds: string[];
}

export interface Ledger {
  claims: CanonicalClaim[];
  discrepancies: Discrepancy[];
}

// ───────────────────────────── sanctions ──────────────────────────

/** One record of a sanctions list (the UN consolidated list: individuals and entities; vessels derived). */
export interface SanctionsEntry {
  /** Reference number, trimmed: KPi.033, KPe.020; derived vessels use `<company ref>/vessel/<name>`. */
  reference: string;
  kind: "person" | "entity" | "vessel";
  name: string;
  aliases: string[];
  /** The list regime: DPRK, Al-Qaida… */
  regime: string;
  listedOn: string | null;
  nationality: string[];
  birthDates: string[];
  imo: string | null;
  comments: string | null;
}

export interface SanctionsList {
  /** `dateGenerated` of the list, or the import time. */
  generated: string;
  source: string;
  entries: SanctionsEntry[];
}

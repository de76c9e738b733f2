/**
 * The API's input schemas (zod; every query, path parameter and body is validated before a handler runs)
 * and the response shapes, which also make up the OpenAPI document at /openapi.json.
 */
import { z } from "@hono/zod-openapi";

export const STANCES = ["ASSERT", "DENY", "HEDGE", "DECLINE"] as const;
export const ENTITY_TYPES = ["PERSON", "ORG", "STATE", "PLACE", "WEAPON", "VESSEL", "EVENT"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
/** Claim types are data (src/extract/lexicons), so any upper-case name is accepted. */
const claimType = z
  .string()
  .regex(/^[A-Za-z_]{2,40}$/, "must be a claim type such as ARMS_TRANSFER")
  .transform((s) => s.toUpperCase());
const text = (max: number) => z.string().trim().min(1).max(max);
/** An empty form field means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const Paging = {
  limit: optional(z.coerce.number().int().min(1).max(500)).openapi({ description: "page size (default 50)" }),
  offset: optional(z.coerce.number().int().min(0).max(10_000_000)).openapi({
    description: "items to skip (default 0)",
  }),
};

export const ArticleListQuery = z.object({
  outlet: optional(text(200)),
  from: optional(day),
  to: optional(day),
  ...Paging,
});

export const SearchQuery = z.object({
  q: text(500).openapi({ description: 'words, "quoted phrases", or, -word' }),
  outlet: optional(text(200)),
  entity: optional(text(200)).openapi({ description: "entity key, canonical name or alias" }),
  type: optional(claimType).openapi({ description: "claim type (ARMS_TRANSFER…)" }),
  stance: optional(z.enum(STANCES)),
  from: optional(day),
  to: optional(day),
  ...Paging,
});

export const ClaimListQuery = z.object({
  type: optional(claimType),
  entity: optional(text(200)),
  stance: optional(z.enum(STANCES)),
  article: optional(text(100)),
  ...Paging,
});

export const LedgerQuery = z.object({
  type: optional(claimType),
  entity: optional(text(200)),
  contested: optional(z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")),
  since: optional(day),
  story: optional(text(100)),
  ...Paging,
});

export const EntityListQuery = z.object({
  type: optional(z.enum(ENTITY_TYPES)),
  name: optional(text(200)),
  ...Paging,
});

export const EntityDetailQuery = z.object({
  limit: optional(z.coerce.number().int().min(1).max(500)).openapi({
    description: "articles and claims per page (default 50)",
  }),
  articlesOffset: optional(z.coerce.number().int().min(0).max(10_000_000)).openapi({
    description: "occurrences (articles) to skip (default 0)",
  }),
  claimsOffset: optional(z.coerce.number().int().min(0).max(10_000_000)).openapi({
    description: "claims to skip (default 0)",
  }),
});

/** The entity page's own offsets into its lists of articles and of claims. */
export const EntityPageQuery = z.object({
  articles: optional(z.coerce.number().int().min(0).max(10_000_000)),
  claims: optional(z.coerce.number().int().min(0).max(10_000_000)),
});

export const DiscrepancyQuery = z.object({ kind: optional(text(60)), ...Paging });
export const ChangesQuery = z.object({ since: day });
export const GraphQuery = z.object({
  story: optional(text(100)),
  entity: optional(text(200)),
  limit: optional(z.coerce.number().int().min(1).max(300)),
});
export const PageOnly = z.object({ ...Paging });
export const ExportQuery = z.object({ format: optional(z.enum(["json", "csv"])) });

export const IdParam = z.object({ id: text(200).openapi({ param: { name: "id", in: "path" } }) });
export const KeyParam = z.object({ key: text(300).openapi({ param: { name: "key", in: "path" } }) });
export const ExportParam = z.object({
  kind: z.enum(["articles", "claims", "ledger"]).openapi({ param: { name: "kind", in: "path" } }),
});

const articleId = text(100);
export const MergeBody = z.object({
  articleIds: z
    .array(articleId)
    .min(2)
    .max(100)
    .openapi({ description: "one article of each story to merge" }),
});
export const SplitBody = z.object({ articleId });
export const IngestJsonBody = z.object({
  urls: z
    .array(z.string().url().max(2000))
    .min(1)
    .max(50)
    .openapi({ description: "http(s) URLs to fetch (private and loopback addresses are refused)" }),
});

// ─── responses (for the OpenAPI document) ───

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "STORY_NOT_FOUND" }),
      message: z.string(),
      input: z.string().nullable(),
      hint: z.string(),
    }),
  })
  .openapi("Error");

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      limit: z.number().int(),
      offset: z.number().int(),
      next: z.string().nullable().openapi({ description: "the next page's URL, null on the last page" }),
    })
    .openapi(name);
}

const evidence = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const ArticleSummary = z
  .looseObject({
    id: z.string(),
    source: z.string(),
    url: z.string().nullable(),
    title: z.string(),
    outlet: z.string().nullable(),
    claimedSource: z.string().nullable(),
    published: z.string().nullable(),
    entityCount: z.number().int(),
    claimCount: z.number().int(),
    flagCount: z.number().int(),
  })
  .openapi("ArticleSummary");

export const StoredArticle = z
  .looseObject({
    article: z.looseObject({ id: z.string(), title: z.string(), body: z.string() }),
    entities: z.array(z.looseObject({ key: z.string(), name: z.string(), type: z.string() })),
    attributions: z.array(z.looseObject({})),
    claims: z.array(z.looseObject({ type: z.string(), stance: z.enum(STANCES), evidence })),
    flags: z.array(z.looseObject({ kind: z.string(), message: z.string() })),
    dates: z.array(z.looseObject({})),
    ingestedAt: z.string(),
  })
  .openapi("Article");

export const SearchHit = z
  .object({
    id: z.string(),
    title: z.string(),
    outlet: z.string().nullable(),
    published: z.string().nullable(),
    source: z.string(),
    snippet: z.string().openapi({ description: "body fragment, matched words wrapped in «…»" }),
    score: z.number(),
  })
  .openapi("SearchHit");

export const StoryListItem = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    articles: z.array(
      z.looseObject({ id: z.string(), title: z.string(), duplicateOf: z.string().nullable() }),
    ),
  })
  .openapi("Story");

export const CanonicalClaim = z
  .looseObject({
    id: z.string(),
    type: z.string(),
    subject: z.string().nullable(),
    object: z.string().nullable(),
    holders: z.array(z.object({ holder: z.string(), stance: z.enum(STANCES), mentions: z.number() })),
    evidence: z.array(z.looseObject({ articleId: z.string(), stance: z.enum(STANCES), evidence })),
    independentSources: z.number().int(),
    contested: z.boolean(),
  })
  .openapi("CanonicalClaim");

export const StoryDetail = StoryListItem.extend({
  claims: z.array(CanonicalClaim),
  discrepancies: z.array(z.looseObject({ kind: z.string(), message: z.string() })),
  timeline: z.array(z.looseObject({ date: z.string().nullable(), kind: z.string(), text: z.string() })),
}).openapi("StoryDetail");

export const StoredClaim = z
  .looseObject({
    articleId: z.string(),
    index: z.number().int(),
    type: z.string(),
    holder: z.string(),
    stance: z.enum(STANCES),
    evidence,
  })
  .openapi("ExtractedClaim");

export const EntitySummary = z
  .looseObject({
    key: z.string(),
    name: z.string(),
    type: z.string(),
    aliases: z.array(z.string()),
    roles: z.array(z.string()),
    mentionCount: z.number().int(),
    articleCount: z.number().int(),
  })
  .openapi("EntitySummary");

const ListPage = z
  .object({
    offset: z.number().int(),
    limit: z.number().int().nullable(),
    total: z.number().int(),
    next: z.string().nullable().openapi({ description: "the address of the next page, or null" }),
  })
  .openapi("ListPage");

export const EntityDetail = EntitySummary.extend({
  via: z.record(z.string(), z.number()),
  occurrenceCount: z.number().int(),
  articleIds: z.array(z.string()).openapi({ description: "the articles of this page of occurrences" }),
  claimCount: z.number().int(),
  claims: z.array(StoredClaim).openapi({ description: "this page of the claims naming it" }),
  pages: z.object({ occurrences: ListPage, claims: ListPage }),
  sanctions: z.array(
    z.object({
      reference: z.string(),
      name: z.string(),
      score: z.number(),
      features: z.record(z.string(), z.number()).openapi({ description: "the score's breakdown by feature" }),
    }),
  ),
}).openapi("EntityDetail");

export const Discrepancy = z
  .looseObject({
    kind: z.string(),
    message: z.string(),
    claimIds: z.array(z.string()),
    articleIds: z.array(z.string()),
  })
  .openapi("Discrepancy");

export const Changes = z
  .object({
    since: z.string(),
    newClaims: z.array(CanonicalClaim),
    newDenials: z.array(z.looseObject({ holder: z.string(), articleId: z.string() })),
    updatedClaims: z.array(CanonicalClaim),
  })
  .openapi("Changes");

export const Graph = z
  .object({
    nodes: z.array(z.looseObject({ id: z.string(), label: z.string(), kind: z.enum(["actor", "claim"]) })),
    edges: z.array(z.looseObject({ source: z.string(), target: z.string(), role: z.string() })),
    totalClaims: z.number().int(),
  })
  .openapi("Graph");

export const IngestReport = z
  .looseObject({
    items: z.number().int(),
    documents: z.number().int(),
    inserted: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(
      z.object({ source: z.string(), code: z.string(), message: z.string(), hint: z.string() }),
    ),
    insertedIds: z.array(z.string()),
  })
  .openapi("IngestReport");

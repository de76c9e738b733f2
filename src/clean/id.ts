import { createHash } from "node:crypto";
import type { Article } from "../types.js";

/**
 * First 16 hex chars of sha256 over url|outlet|title|whitespace-normalised body: the same text re-ingested from
 * anywhere gets the same id (ingest is idempotent), while a syndicated copy on another site gets its own id.
 */
export function articleId(a: Pick<Article, "url" | "outlet" | "title" | "body">): string {
  const body = a.body.replace(/\s+/g, " ").trim();
  return createHash("sha256")
    .update([a.url ?? "", a.outlet ?? "", a.title, body].join("|"))
    .digest("hex")
    .slice(0, 16);
}

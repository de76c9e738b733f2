/** Hand-built articles and entities for the extract tests, independent of the entities stage. */
import type { Article, Entity, EntityType, Gender } from "../types.js";

export function article(body: string, over: Partial<Article> = {}): Article {
  return {
    id: "t",
    source: "test",
    url: null,
    title: "t",
    section: null,
    published: "2025-03-09",
    publishedFrom: "text",
    outlet: "Harbor Ledger",
    claimedSource: null,
    dateline: null,
    byline: null,
    language: "en",
    body,
    removed: [],
    ...over,
  } as Article;
}

/** An entity with a mention at every occurrence of each surface form (whole words). */
export function entity(
  body: string,
  name: string,
  type: EntityType,
  forms: string[],
  gender: Gender = "unknown",
  roles: string[] = [],
): Entity {
  const mentions = forms.flatMap((f) =>
    [...body.matchAll(new RegExp(`\\b${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g"))].map((m) => ({
      start: m.index,
      end: m.index + f.length,
      text: f,
      via: f === name ? "name" : "alias",
    })),
  );
  return {
    id: name,
    name,
    type,
    aliases: forms,
    mentions,
    roles,
    gender,
    key: `${type.toLowerCase()}:${name.toLowerCase().replace(/\s+/g, "-")}`,
  };
}

/**
 * A stand-in for the pipeline in queue tests: turns a raw document into a small AnalyzedArticle keyed by a
 * hash of its content (as the real cleaner does), so queue behaviour is tested on its own.
 */
import { createHash } from "node:crypto";
import { type EntitySpec, makeArticle } from "../../store/fixtures.js";
import type { AnalyzedArticle, RawDocument } from "../../types.js";

const ENTITIES: EntitySpec[] = [
  { key: "place:yalu-river", name: "Yalu River", type: "PLACE", forms: ["river"] },
  { key: "event:convoys", name: "convoys", type: "EVENT", forms: ["convoys"] },
];

export function fakeAnalyze(raw: RawDocument): AnalyzedArticle {
  if (raw.content.includes("UNREADABLE")) throw new Error("the analyzer cannot read this document");
  const id = createHash("sha256").update(raw.content).digest("hex").slice(0, 16);
  const doc = makeArticle({
    id,
    title: raw.hints.title ?? raw.source,
    body: raw.content,
    outlet: raw.hints.outlet ?? null,
    published: raw.hints.published ?? null,
    source: raw.source,
    // Entities shared by every document, listed in either order, so concurrent workers update the same
    // running totals (and would deadlock if they took those rows in different orders).
    entities: (id.charCodeAt(0) % 2 ? ENTITIES : [...ENTITIES].reverse()).filter((e) =>
      e.forms.some((f) => raw.content.includes(f)),
    ),
  });
  // A record the database refuses (a title is required): the analysis "succeeds", the write fails.
  if (raw.content.includes("BROKEN"))
    return { ...doc, article: { ...doc.article, title: null as unknown as string } };
  return doc;
}

export function rawDocument(
  n: number,
  text = `Report number ${n} on convoys crossing the river.`,
): RawDocument {
  return {
    source: `inbox/report-${n}.txt`,
    kind: "text",
    contentType: "text/plain",
    content: text,
    hints: { title: `Report ${n}`, outlet: "Border Monitor", published: "2024-02-01" },
  };
}

/**
 * A story brief an analyst can send: what happened, which claims stand on how many independent sources,
 * who asserts and who denies each of them (side by side, with the exact sentences), the discrepancies
 * between reports, a timeline, and the articles with the copies marked. Markdown or a self-contained HTML
 * page; every piece of text that comes from an article is escaped for the format it goes into.
 */
import type { Store } from "../store/types.js";
import type { CanonicalClaim, ClaimEvidence, Stance } from "../types.js";
import { getStory, type StoryDetail } from "./stories.js";

export type ReportFormat = "md" | "html";

export const REPORT_FORMATS: readonly ReportFormat[] = ["md", "html"];

/** How many claims and quotes a brief shows (the rest is counted, not listed). */
const MAX_CLAIMS = 12;
const MAX_QUOTES = 4;

const STANCE_LABEL: Record<Stance, string> = {
  ASSERT: "asserts",
  DENY: "denies",
  HEDGE: "suggests",
  DECLINE: "declines to comment",
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Markdown-escape inline text: no emphasis, links, HTML, table cells or headings can come from an article. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/([\\`*_[\]<>#|~])/g, "\\$1")
    .trim();
}

function claimLabel(c: CanonicalClaim): string {
  const what = c.type.toLowerCase().replace(/_/g, " ");
  const parties = [c.subject ?? "unnamed party", c.object ? `→ ${c.object}` : null].filter(Boolean).join(" ");
  const item = [c.quantity?.text, c.item].filter(Boolean).join(" ");
  return `${what}: ${parties}${item ? ` (${item})` : ""}${c.when ? `, ${c.when}` : ""}`;
}

/** Holders by stance, in a fixed order: who asserts, who denies, who hedges, who declines. */
function sides(c: CanonicalClaim): { stance: Stance; holders: string[] }[] {
  const order: Stance[] = ["ASSERT", "DENY", "HEDGE", "DECLINE"];
  return order
    .map((stance) => ({
      stance,
      holders: [...new Set(c.holders.filter((h) => h.stance === stance).map((h) => h.holder))],
    }))
    .filter((s) => s.holders.length > 0);
}

/** The quotes to show: one per source and stance, the story's own reports first, originals before copies,
 * every stance at least once. */
function quotes(c: CanonicalClaim, members: Set<string>): ClaimEvidence[] {
  const seen = new Set<string>();
  const out: ClaimEvidence[] = [];
  const sorted = [...c.evidence].sort(
    (a, b) =>
      Number(!members.has(a.articleId)) - Number(!members.has(b.articleId)) ||
      Number(Boolean(a.duplicateOf)) - Number(Boolean(b.duplicateOf)) ||
      (a.published ?? "").localeCompare(b.published ?? ""),
  );
  for (const e of sorted) {
    const key = `${e.sourceKey}|${e.stance}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  // Every stance at least once, then fill up.
  const byStance = [...new Map(out.map((e) => [e.stance, e])).values()];
  return [...new Set([...byStance, ...out])].slice(0, Math.max(MAX_QUOTES, byStance.length));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The story's claims for a brief: those its own articles report most first, contested ones before others. */
function briefClaims(s: StoryDetail): CanonicalClaim[] {
  const members = new Set(s.articles.map((a) => a.id));
  const own = (c: CanonicalClaim) => c.evidence.filter((e) => members.has(e.articleId)).length;
  return [...s.claims].sort(
    (a, b) =>
      own(b) - own(a) ||
      Number(b.contested) - Number(a.contested) ||
      b.independentSources - a.independentSources ||
      (a.id < b.id ? -1 : 1),
  );
}

/** "3 mentions, 2 in this story's articles" when some evidence comes from other stories. */
function reach(c: CanonicalClaim, members: Set<string>): string {
  const own = c.evidence.filter((e) => members.has(e.articleId)).length;
  const mentions = plural(c.mentions, "mention");
  return own === c.mentions ? mentions : `${mentions}, ${own} in this story`;
}

function counts(s: StoryDetail) {
  const copies = s.articles.filter((a) => a.duplicateOf).length;
  const outlets = new Set(s.articles.map((a) => (a.outlet ?? a.source).toLowerCase())).size;
  const contested = s.claims.filter((c) => c.contested).length;
  return { copies, outlets, contested };
}

function span(s: StoryDetail): string {
  if (!s.start) return "undated";
  return s.start === s.end || !s.end ? s.start : `${s.start} to ${s.end}`;
}

function markdown(s: StoryDetail, generated: string): string {
  const m = escapeMarkdown;
  const { copies, outlets, contested } = counts(s);
  const lines: string[] = [
    `# ${m(s.title)}`,
    "",
    `Story \`${s.id}\` · ${span(s)} · ${plural(s.articles.length, "article")} (${plural(copies, "copy", "copies")}) from ${plural(outlets, "outlet")} · ${plural(s.claims.length, "claim")}, ${contested} contested · brief generated ${generated}`,
    "",
    "## Claims",
    "",
  ];
  if (s.claims.length === 0) lines.push("No claims were extracted from this story's articles.", "");
  const members = new Set(s.articles.map((a) => a.id));
  for (const c of briefClaims(s).slice(0, MAX_CLAIMS)) {
    lines.push(
      `### ${m(claimLabel(c))}${c.contested ? " — contested" : ""}`,
      "",
      `${c.independentSources} independent ${c.independentSources === 1 ? "source" : "sources"} · ${reach(c, members)} · ${plural(c.outlets, "outlet")} · first seen ${c.firstSeen ?? "undated"}`,
      "",
    );
    for (const side of sides(c))
      lines.push(`- **${STANCE_LABEL[side.stance]}**: ${side.holders.map(m).join("; ")}`);
    lines.push("");
    for (const e of quotes(c, members)) {
      const where = [e.outlet, e.published].filter(Boolean).join(", ") || e.source;
      const dated = e.reanchored ? ` (date re-anchored to the original of ${e.reanchored.against})` : "";
      lines.push(
        `> ${m(e.evidence.text)}`,
        `> — ${m(e.holder)} (${e.stance}), ${m(where)}${e.duplicateOf ? ", a copy" : ""}${dated}`,
        "",
      );
    }
  }
  if (s.claims.length > MAX_CLAIMS)
    lines.push(`…and ${s.claims.length - MAX_CLAIMS} more claims (\`watchdesk story ${s.id}\`).`, "");
  if (s.discrepancies.length) {
    lines.push("## Discrepancies", "");
    for (const d of s.discrepancies) lines.push(`- **${d.kind}**: ${m(d.message)}`);
    lines.push("");
  }
  lines.push("## Timeline", "");
  for (const t of s.timeline) lines.push(`- ${t.date ?? "undated"} — ${m(t.text)}`);
  lines.push("", "## Articles", "");
  for (const a of s.articles) {
    const copy = a.duplicateOf ? ` — copy of \`${a.duplicateOf.slice(0, 12)}\`` : "";
    lines.push(
      `- ${a.published ?? "undated"} · ${m(a.outlet ?? "unknown outlet")} · ${m(a.title)} · ${m(a.source)}${copy}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function link(source: string): string {
  const text = escapeHtml(source);
  return /^https?:\/\//i.test(source) ? `<a href="${text}">${text}</a>` : `<code>${text}</code>`;
}

function html(s: StoryDetail, generated: string): string {
  const h = escapeHtml;
  const { copies, outlets, contested } = counts(s);
  const parts: string[] = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${h(s.title)} — Watchdesk brief</title>`,
    "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}" +
      "h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem;margin-bottom:.2rem}" +
      ".meta{color:#555}.contested{color:#a40000;font-weight:600}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #bbb;background:#f7f7f7}" +
      ".sides{display:flex;gap:1rem;flex-wrap:wrap}.side{flex:1;min-width:12rem}.DENY{border-color:#a40000}.ASSERT{border-color:#1f5fbf}" +
      "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #eee;vertical-align:top}</style>",
    "</head><body>",
    `<h1>${h(s.title)}</h1>`,
    `<p class="meta">Story <code>${h(s.id)}</code> · ${h(span(s))} · ${plural(s.articles.length, "article")} (${plural(copies, "copy", "copies")}) from ${plural(outlets, "outlet")} · ${plural(s.claims.length, "claim")}, ${contested} contested · brief generated ${h(generated)}</p>`,
    "<h2>Claims</h2>",
  ];
  if (s.claims.length === 0) parts.push("<p>No claims were extracted from this story's articles.</p>");
  const members = new Set(s.articles.map((a) => a.id));
  for (const c of briefClaims(s).slice(0, MAX_CLAIMS)) {
    parts.push(
      `<h3>${h(claimLabel(c))}${c.contested ? ' <span class="contested">contested</span>' : ""}</h3>`,
      `<p class="meta">${c.independentSources} independent ${c.independentSources === 1 ? "source" : "sources"} · ${reach(c, members)} · ${plural(c.outlets, "outlet")} · first seen ${h(c.firstSeen ?? "undated")}</p>`,
      '<div class="sides">',
    );
    for (const side of sides(c)) {
      const evidence = quotes(c, members).filter((e) => e.stance === side.stance);
      parts.push(
        `<div class="side"><strong>${h(STANCE_LABEL[side.stance])}</strong>: ${side.holders.map(h).join("; ")}`,
        ...evidence.map((e) => {
          const where = [e.outlet, e.published].filter(Boolean).join(", ") || e.source;
          const dated = e.reanchored
            ? ` (date re-anchored to the original of ${h(e.reanchored.against)})`
            : "";
          return `<blockquote class="${h(e.stance)}">${h(e.evidence.text)}<br><small>— ${h(e.holder)}, ${h(where)}${e.duplicateOf ? ", a copy" : ""}${dated}</small></blockquote>`;
        }),
        "</div>",
      );
    }
    parts.push("</div>");
  }
  if (s.claims.length > MAX_CLAIMS) parts.push(`<p>…and ${s.claims.length - MAX_CLAIMS} more claims.</p>`);
  if (s.discrepancies.length) {
    parts.push("<h2>Discrepancies</h2><ul>");
    for (const d of s.discrepancies) parts.push(`<li><strong>${h(d.kind)}</strong>: ${h(d.message)}</li>`);
    parts.push("</ul>");
  }
  parts.push("<h2>Timeline</h2><table>");
  for (const t of s.timeline) parts.push(`<tr><td>${h(t.date ?? "undated")}</td><td>${h(t.text)}</td></tr>`);
  parts.push(
    "</table>",
    "<h2>Articles</h2><table><tr><th>published</th><th>outlet</th><th>title</th><th>source</th></tr>",
  );
  for (const a of s.articles) {
    const copy = a.duplicateOf ? ` <em>(copy of <code>${h(a.duplicateOf.slice(0, 12))}</code>)</em>` : "";
    parts.push(
      `<tr><td>${h(a.published ?? "undated")}</td><td>${h(a.outlet ?? "unknown")}</td><td>${h(a.title)}${copy}</td><td>${link(a.source)}</td></tr>`,
    );
  }
  parts.push("</table>", "</body></html>");
  return `${parts.join("\n")}\n`;
}

/** The brief for one story (id or unique prefix). `generated` is the date printed on it (default today). */
export async function storyReport(
  store: Store,
  storyId: string,
  format: ReportFormat,
  generated: string = new Date().toISOString().slice(0, 10),
): Promise<string> {
  const story = await getStory(store, storyId);
  return format === "html" ? html(story, generated) : markdown(story, generated);
}

/**
 * One canonical claim: who holds it with which stance, how many independent sources stand behind it, each
 * evidence sentence highlighted in the cleaned text of its article, and which copies were collapsed.
 */
import type { StoredArticle } from "../../store/types.js";
import type { CanonicalClaim, ClaimEvidence, Discrepancy } from "../../types.js";
import { excerptRange, highlight } from "../highlight.js";
import { html } from "../html.js";
import {
  articleHref,
  claimSummary,
  dateSpan,
  layout,
  type PageContext,
  stanceBadge,
  typeLabel,
} from "../layout.js";

export function claimPage(
  ctx: PageContext,
  claim: CanonicalClaim & { discrepancies: Discrepancy[] },
  articles: Map<string, StoredArticle>,
) {
  const originals = claim.evidence.filter((e) => e.duplicateOf === null);
  const copies = claim.evidence.filter((e) => e.duplicateOf !== null);
  const byArticle = new Map<string, ClaimEvidence[]>();
  for (const e of originals) byArticle.set(e.articleId, [...(byArticle.get(e.articleId) ?? []), e]);
  const title = (id: string) => articles.get(id)?.article.title ?? id.slice(0, 12);
  const sources = [...new Set(claim.evidence.map((e) => e.sourceKey))];

  return layout(
    ctx,
    `${typeLabel(claim.type)}: ${claim.subject ?? "?"}`,
    html`<p class="crumbs"><a href="/ledger">Ledger</a> / ${claim.storyIds.map((id, i) => html`${i ? " · " : ""}<a href="/stories/${id}">story${claim.storyIds.length > 1 ? ` ${i + 1}` : ""}</a>`)}</p>
<h1><span class="ctype">${typeLabel(claim.type)}</span> ${claimSummary(claim)}</h1>
<div class="stats">
  <div class="stat big" id="independent"><b>${claim.independentSources}</b><span>independent source${claim.independentSources === 1 ? "" : "s"}</span></div>
  <div class="stat"><b>${claim.mentions}</b><span>mentions</span></div>
  <div class="stat"><b>${claim.outlets}</b><span>outlets</span></div>
  <div class="stat"><b>${copies.length}</b><span>copies collapsed</span></div>
  <div class="stat"><b>${dateSpan(claim.firstSeen, claim.lastSeen)}</b><span>reported</span></div>
  ${claim.contested ? html`<div class="stat warn"><b>contested</b><span>asserted and denied</span></div>` : ""}
</div>

<section aria-labelledby="holders">
<h2 id="holders">Who holds it</h2>
<table class="grid narrow"><thead><tr><th scope="col">Holder</th><th scope="col">Stance</th><th scope="col">Mentions</th></tr></thead>
<tbody>${claim.holders.map(
      (h) =>
        html`<tr><td class="holder">${h.holder}</td><td>${stanceBadge(h.stance)}</td><td class="num">${h.mentions}</td></tr>`,
    )}</tbody></table>
<p class="meta">Sources counted: ${sources.join(" · ")}</p>
</section>

<section aria-labelledby="evidence">
<h2 id="evidence">Evidence in the cleaned text</h2>
${[...byArticle].map(([articleId, evidence]) => {
  const stored = articles.get(articleId);
  const first = evidence[0]!;
  const marks = evidence.map((e, i) => ({
    start: e.evidence.start,
    end: e.evidence.end,
    className: `hl-evidence stance-${e.stance.toLowerCase()}`,
    title: `${e.holder}: ${e.stance}`,
    id: `ev-${articleId.slice(0, 10)}-${i}`,
  }));
  let text = html`<blockquote class="evidence-text"><mark class="hl-evidence">${first.evidence.text}</mark></blockquote>`;
  if (stored) {
    const lo = Math.min(...evidence.map((e) => e.evidence.start));
    const hi = Math.max(...evidence.map((e) => e.evidence.end));
    const range = excerptRange(stored.article.body, lo, hi);
    text = html`<div class="body excerpt">${range.clippedStart ? "… " : ""}${highlight(stored.article.body, marks, range)}${range.clippedEnd ? " …" : ""}</div>`;
  }
  return html`<article class="evidence item">
  <header><a href="${articleHref(articleId, first.evidence)}">${title(articleId)}</a>
  <span class="meta">${first.outlet ?? first.source} · ${first.published ?? "undated"}</span></header>
  <p class="holders">${evidence.map(
    (e) =>
      html`<span class="holder">${e.holder}</span> ${stanceBadge(e.stance)}${e.whenText ? html` <span class="meta">“${e.whenText}” → ${e.when ?? "unresolved"}</span>` : ""}${e.reanchored ? html` <span class="badge" title="re-resolved against the original's publication date">re-anchored to ${e.reanchored.against}</span>` : ""} `,
  )}</p>
  ${text}
</article>`;
})}
</section>

<section aria-labelledby="copies">
<h2 id="copies">Copies collapsed into their originals</h2>
${
  copies.length === 0
    ? html`<p class="empty">No copies: every mention above is its own report.</p>`
    : html`<p class="lede">These articles copy an earlier one; they count as one source with it.</p>
<ul class="items">${copies.map(
        (e) =>
          html`<li class="item"><a href="${articleHref(e.articleId, e.evidence)}">${title(e.articleId)}</a> <span class="meta">${e.outlet ?? e.source} · ${e.published ?? "undated"}</span>
      — copy of <a href="/articles/${e.duplicateOf ?? ""}">${title(e.duplicateOf ?? "")}</a> · ${e.holder} ${stanceBadge(e.stance)}</li>`,
      )}</ul>`
}
</section>

${
  claim.discrepancies.length
    ? html`<section aria-labelledby="disc"><h2 id="disc">Discrepancies</h2><ul class="items">${claim.discrepancies.map(
        (d) => html`<li class="item"><span class="badge">${d.kind}</span> ${d.message}</li>`,
      )}</ul></section>`
    : ""
}`,
  );
}

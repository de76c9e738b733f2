/** The story list and one story: timeline, articles by duplicate cluster, claims with holders side by side. */
import type { StoryArticle, StoryDetail, StoryListItem } from "../../app/stories.js";
import type { Stance } from "../../types.js";
import { type Html, html } from "../html.js";
import {
  articleHref,
  claimLink,
  csrfField,
  dateSpan,
  emptyNote,
  holdersBy,
  layout,
  type PageContext,
  pageLinks,
  stanceBadge,
} from "../layout.js";

export function storiesPage(
  ctx: PageContext,
  stories: StoryListItem[],
  offset: number,
  limit: number,
  more: boolean,
) {
  return layout(
    ctx,
    "Stories",
    html`<h1>Stories</h1>
<p class="lede">Articles about one event, latest first. Copies of another article are counted once.</p>
${
  stories.length === 0
    ? emptyNote("No stories yet.")
    : html`<table class="grid">
<thead><tr><th scope="col">Story</th><th scope="col">Dates</th><th scope="col">Articles</th><th scope="col">Copies</th><th scope="col">Outlets</th></tr></thead>
<tbody>${stories.map((s) => {
        const outlets = [...new Set(s.articles.map((a) => a.outlet).filter(Boolean))];
        return html`<tr class="item"><td><a href="/stories/${s.id}">${s.title}</a></td><td class="nowrap">${dateSpan(s.start, s.end)}</td>
          <td class="num">${s.articles.length}</td><td class="num">${s.articles.filter((a) => a.duplicateOf).length}</td>
          <td>${outlets.slice(0, 4).join(", ")}${outlets.length > 4 ? ` +${outlets.length - 4}` : ""}</td></tr>`;
      })}</tbody></table>`
}
${pageLinks("/stories", {}, offset, limit, more)}`,
  );
}

/** Originals with the copies of them that this story holds; copies of articles outside it stand alone. */
export function duplicateClusters(
  articles: StoryArticle[],
): { head: StoryArticle; copies: StoryArticle[] }[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const groups = new Map<string, { head: StoryArticle; copies: StoryArticle[] }>();
  for (const a of articles) {
    if (!a.duplicateOf || !byId.has(a.duplicateOf)) groups.set(a.id, { head: a, copies: [] });
  }
  for (const a of articles) {
    if (a.duplicateOf && byId.has(a.duplicateOf)) {
      const g = groups.get(a.duplicateOf) ?? { head: byId.get(a.duplicateOf)!, copies: [] };
      g.copies.push(a);
      groups.set(a.duplicateOf, g);
    }
  }
  return [...groups.values()];
}

function articleLine(a: StoryArticle): Html {
  return html`<a href="/articles/${a.id}">${a.title || a.source}</a> <span class="meta">${a.outlet ?? a.source} · ${a.published ?? "undated"}</span>`;
}

const STANCES: Stance[] = ["ASSERT", "DENY", "HEDGE", "DECLINE"];

export function storyPage(ctx: PageContext, s: StoryDetail) {
  const clusters = duplicateClusters(s.articles);
  const split = (a: StoryArticle) =>
    ctx.identity && s.articles.length > 1
      ? html`<form method="post" action="/stories/split" class="inline"><input type="hidden" name="articleId" value="${a.id}"><input type="hidden" name="story" value="${s.id}">${csrfField(ctx)}<button type="submit" class="small" title="take this article out of the story">Split out</button></form>`
      : "";
  return layout(
    ctx,
    s.title,
    html`<p class="crumbs"><a href="/stories">Stories</a> /</p>
<h1>${s.title}</h1>
<p class="counts"><span>${dateSpan(s.start, s.end)}</span><span><b>${s.articles.length}</b> articles in <b>${clusters.length}</b> independent report${clusters.length === 1 ? "" : "s"}</span><span><b>${s.claims.length}</b> claims</span><a href="/graph?story=${s.id}">Network graph →</a></p>

<section aria-labelledby="claims">
<h2 id="claims">Claims, and who holds them</h2>
${
  s.claims.length === 0
    ? emptyNote("No claims were found in this story.")
    : html`<table class="grid side-by-side">
<thead><tr><th scope="col">Claim</th>${STANCES.map((st) => html`<th scope="col">${stanceBadge(st)}</th>`)}<th scope="col" title="independent sources">Indep.</th></tr></thead>
<tbody>${s.claims.map(
        (c) =>
          html`<tr class="item${c.contested ? " contested" : ""}"><td>${claimLink(c)}${c.contested ? html` <span class="badge warn">contested</span>` : ""}</td>${STANCES.map((st) => html`<td>${holdersBy(c, st)}</td>`)}<td class="num">${c.independentSources}</td></tr>`,
      )}</tbody></table>`
}
</section>

${
  s.discrepancies.length
    ? html`<section aria-labelledby="disc"><h2 id="disc">Discrepancies</h2><ul class="items">${s.discrepancies.map(
        (d) => html`<li class="item"><span class="badge">${d.kind}</span> ${d.message}</li>`,
      )}</ul></section>`
    : ""
}

<div class="columns">
<section aria-labelledby="timeline">
<h2 id="timeline">Timeline</h2>
<ol class="timeline">${s.timeline.map(
      (t) =>
        html`<li class="item tl-${t.kind}"><span class="date">${t.date ?? "undated"}</span>
      ${t.kind === "claim" && t.stance ? stanceBadge(t.stance) : html`<span class="badge">report</span>`}
      ${
        t.kind === "claim" && t.claimId
          ? html`<a href="/claims/${t.claimId}">${t.text}</a>`
          : html`<a href="${articleHref(t.articleId)}">${t.text}</a>`
      }</li>`,
    )}</ol>
</section>

<section aria-labelledby="articles">
<h2 id="articles">Articles, by duplicate cluster</h2>
<ol class="clusters">${clusters.map(
      (g) => html`<li class="cluster item">
  <div>${articleLine(g.head)} ${g.head.duplicateOf ? html`<span class="badge">copy of an article outside this story</span>` : ""} ${split(g.head)}</div>
  ${
    g.copies.length
      ? html`<ul class="copies" aria-label="copies">${g.copies.map(
          (c) =>
            html`<li><span class="badge">copy${c.similarity !== null ? ` ${Math.round(c.similarity * 100)}%` : ""}</span> ${articleLine(c)} ${split(c)}</li>`,
        )}</ul>`
      : ""
  }
</li>`,
    )}</ol>
</section>
</div>`,
  );
}

/** The front page: latest stories, contested claims, new denials. */
import type { Dashboard } from "../../app/dashboard.js";
import { html } from "../html.js";
import {
  articleHref,
  claimLink,
  dateSpan,
  emptyNote,
  holdersBy,
  layout,
  type PageContext,
} from "../layout.js";

export function dashboardPage(ctx: PageContext, d: Dashboard) {
  return layout(
    ctx,
    "Dashboard",
    html`<h1>Dashboard</h1>
<p class="counts">
  <span><b>${d.articleCount}</b> articles</span>
  <a href="/stories"><b>${d.storyCount}</b> stories</a>
  <a href="/ledger"><b>${d.claimCount}</b> claims in the ledger</a>
  <a href="/discrepancies"><b>${d.discrepancyCount}</b> discrepancies</a>
</p>
<div class="columns">
<section aria-labelledby="latest">
  <h2 id="latest">Latest stories</h2>
  ${
    d.stories.length === 0
      ? emptyNote("No stories yet: ingest some articles.")
      : html`<ol class="items">${d.stories.map((s) => {
          const copies = s.articles.filter((a) => a.duplicateOf).length;
          return html`<li class="item"><a href="/stories/${s.id}">${s.title}</a>
            <span class="meta">${dateSpan(s.start, s.end)} · ${s.articles.length} article${s.articles.length === 1 ? "" : "s"}${copies ? html` (${copies} cop${copies === 1 ? "y" : "ies"})` : ""}</span></li>`;
        })}</ol>`
  }
  <p><a href="/stories">All stories →</a></p>
</section>
<section aria-labelledby="contested">
  <h2 id="contested">Contested claims</h2>
  ${
    d.contested.length === 0
      ? emptyNote("No claim is both asserted and denied.")
      : html`<table class="grid">
    <thead><tr><th scope="col">Claim</th><th scope="col">Asserted by</th><th scope="col">Denied by</th><th scope="col" title="independent sources">Indep.</th></tr></thead>
    <tbody>${d.contested.map(
      (c) =>
        html`<tr class="item"><td>${claimLink(c)}</td><td>${holdersBy(c, "ASSERT")}</td><td>${holdersBy(c, "DENY")}</td><td class="num">${c.independentSources}</td></tr>`,
    )}</tbody></table>`
  }
  <p><a href="/ledger?contested=true">All contested claims →</a></p>
</section>
</div>
<section aria-labelledby="denials">
  <h2 id="denials">New denials</h2>
  ${
    d.denials.length === 0
      ? emptyNote("No denials recorded.")
      : html`<ol class="items denials">${d.denials.map(
          (
            x,
          ) => html`<li class="item"><span class="holder">${x.holder}</span> <span class="meta">${x.published ?? "undated"}</span>
        <blockquote>${x.text}</blockquote>
        <span class="meta">denies: ${claimLink(x.claim)} · <a href="${articleHref(x.articleId, x.claim.evidence.find((e) => e.articleId === x.articleId && e.stance === "DENY")?.evidence)}">in the article</a></span></li>`,
        )}</ol>`
  }
</section>`,
  );
}

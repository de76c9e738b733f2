/** The entity list and one entity: aliases, roles seen, claims, sanctions matches with the score breakdown. */
import type { EntityDetail, ListPage } from "../../app/entities.js";
import type { ArticleSummary, EntitySummary } from "../../store/types.js";
import { html, path, seg } from "../html.js";
import {
  articleHref,
  emptyNote,
  layout,
  type PageContext,
  pageLinks,
  pager,
  stanceBadge,
  typeLabel,
} from "../layout.js";

const TYPES = ["PERSON", "ORG", "STATE", "PLACE", "WEAPON", "VESSEL", "EVENT"];

export function entitiesPage(
  ctx: PageContext,
  entities: EntitySummary[],
  q: { type?: string | undefined; name?: string | undefined },
  offset: number,
  limit: number,
  more: boolean,
) {
  return layout(
    ctx,
    "Entities",
    html`<h1>Entities</h1>
<form class="filters" method="get" action="/entities">
  <label>Name or alias <input type="search" name="name" value="${q.name ?? ""}"></label>
  <label>Type <select name="type"><option value="">any</option>${TYPES.map(
    (t) => html`<option value="${t}"${q.type === t ? html` selected` : ""}>${t.toLowerCase()}</option>`,
  )}</select></label>
  <button type="submit">Filter</button>
</form>
${
  entities.length === 0
    ? emptyNote("No entity matches.")
    : html`<table class="grid"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Also written</th><th scope="col">Roles</th><th scope="col">Articles</th><th scope="col">Mentions</th></tr></thead>
<tbody>${entities.map(
        (e) =>
          html`<tr class="item"><td><a href="/entities/${seg(e.key)}">${e.name}</a></td><td>${e.type.toLowerCase()}</td><td>${e.aliases.slice(1, 5).join(", ")}</td><td>${e.roles.slice(0, 3).join(", ")}</td><td class="num">${e.articleCount}</td><td class="num">${e.mentionCount}</td></tr>`,
      )}</tbody></table>`
}
${pageLinks("/entities", { name: q.name, type: q.type }, offset, limit, more)}`,
  );
}

function featureRow(name: string, value: number) {
  const pct = Math.max(0, Math.min(100, Math.round(Math.abs(value) * 100)));
  return html`<tr><th scope="row">${name.replaceAll("_", " ")}</th><td class="num">${value.toFixed(2)}</td>
    <td class="bar-cell"><span class="bar${value < 0 ? " negative" : ""}" data-pct="${pct}"><span class="bar-fill w${Math.round(pct / 5) * 5}"></span></span></td></tr>`;
}

/** "31–60 of 5,658 articles" when a list is longer than one page. */
function shown(page: ListPage, count: number, what: string) {
  if (page.offset === 0 && count >= page.total) return html``;
  return html`<p class="meta">${page.offset + 1}–${page.offset + count} of ${page.total} ${what}.</p>`;
}

/** Previous/next links through one of the page's lists, keeping the other list where it is. */
function listLinks(e: EntityDetail, list: "articles" | "claims", page: ListPage, other: number) {
  const limit = page.limit ?? page.total;
  const keep = list === "articles" ? { claims: other || undefined } : { articles: other || undefined };
  const base = `/entities/${seg(e.key)}`;
  const at = (offset: number) => path(base, { ...keep, [list]: offset || undefined });
  const prev = page.offset > 0 ? at(Math.max(0, page.offset - limit)) : null;
  const next = page.offset + limit < page.total ? at(page.offset + limit) : null;
  return pager(next, prev);
}

export function entityPage(
  ctx: PageContext,
  e: EntityDetail,
  articles: Pick<ArticleSummary, "id" | "title" | "outlet" | "source" | "published">[],
  hasSanctionsList: boolean,
) {
  const viaTotal = Object.values(e.via).reduce((a, b) => a + b, 0);
  return layout(
    ctx,
    e.name,
    html`<p class="crumbs"><a href="/entities">Entities</a> /</p>
<h1>${e.name} <span class="badge">${e.type.toLowerCase()}</span>${e.country ? html` <span class="badge">${e.country}</span>` : ""}</h1>
<p class="counts"><span><b>${e.mentionCount}</b> mentions</span><span>in <b>${e.articleCount}</b> articles</span><span><b>${e.claimCount}</b> claims</span><span class="meta">key ${e.key}</span>
<a href="${path("/graph", { entity: e.key })}">Network graph →</a> <a href="${path("/search", { q: e.name, entity: e.key })}">Articles naming it →</a></p>

<div class="columns">
<section aria-labelledby="aliases">
<h2 id="aliases">Aliases</h2>
<ul class="chips">${e.aliases.map((a) => html`<li>${a}</li>`)}</ul>
<h3>How mentions were tied to it</h3>
<ul class="chips">${Object.entries(e.via)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([k, n]) =>
          html`<li>${k} <b>${n}</b>${viaTotal ? html` <span class="meta">${Math.round((n / viaTotal) * 100)}%</span>` : ""}</li>`,
      )}</ul>
<h2 id="roles">Roles seen</h2>
${e.roles.length ? html`<ul class="chips">${e.roles.map((r) => html`<li>${r}</li>`)}</ul>` : emptyNote("No role given in any article.")}
</section>

<section aria-labelledby="sanctions">
<h2 id="sanctions">Sanctions list</h2>
${
  e.sanctions.length === 0
    ? emptyNote(
        hasSanctionsList
          ? "No sanctions-list record matches this entity."
          : "No sanctions list imported: run `watchdesk sanctions import <consolidated.xml>`.",
      )
    : e.sanctions.map(
        (s) => html`<div class="match item">
  <h3><span class="badge">${s.reference}</span> ${s.name} <span class="score">score ${s.score.toFixed(2)}</span></h3>
  <table class="grid narrow features"><caption>Score breakdown</caption><thead><tr><th scope="col">Feature</th><th scope="col">Value</th><th scope="col"><span class="sr-only">bar</span></th></tr></thead>
  <tbody>${Object.entries(s.features)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .map(([k, v]) => featureRow(k, v))}</tbody></table>
</div>`,
      )
}
</section>
</div>

<section aria-labelledby="claims">
<h2 id="claims">Claims naming it</h2>
${
  e.claims.length === 0
    ? emptyNote(e.claimCount === 0 ? "No claim names this entity." : "No more claims.")
    : html`${shown(e.pages.claims, e.claims.length, "claims")}<table class="grid"><thead><tr><th scope="col">Type</th><th scope="col">Holder</th><th scope="col">Stance</th><th scope="col">Sentence</th><th scope="col">Article</th></tr></thead>
<tbody>${e.claims.map(
        (c) =>
          html`<tr class="item"><td>${typeLabel(c.type)}</td><td class="holder">${c.holder}</td><td>${stanceBadge(c.stance)}</td><td>${c.evidence.text}</td>
        <td><a href="${articleHref(c.articleId, c.evidence)}">${c.outlet ?? c.source}</a> <span class="meta">${c.published ?? ""}</span></td></tr>`,
      )}</tbody></table>`
}
${listLinks(e, "claims", e.pages.claims, e.pages.occurrences.offset)}
</section>

<section aria-labelledby="arts">
<h2 id="arts">Articles</h2>
<ul class="items">${articles.map(
      (a) =>
        html`<li class="item"><a href="/articles/${a.id}">${a.title || a.source}</a> <span class="meta">${a.outlet ?? a.source} · ${a.published ?? "undated"}</span></li>`,
    )}</ul>
${articles.length === 0 ? emptyNote("No more articles.") : shown(e.pages.occurrences, e.articleIds.length, "articles")}
${listLinks(e, "articles", e.pages.occurrences, e.pages.claims.offset)}
</section>`,
  );
}

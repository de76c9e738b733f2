/** Full-text search with facets; the ledger list; discrepancies. */
import type { SearchHit } from "../../store/types.js";
import type { CanonicalClaim, Discrepancy } from "../../types.js";
import { type Html, html } from "../html.js";
import { claimLink, emptyNote, holdersBy, layout, type PageContext, pageLinks } from "../layout.js";

export interface SearchForm {
  q?: string | undefined;
  outlet?: string | undefined;
  entity?: string | undefined;
  type?: string | undefined;
  stance?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const CLAIM_TYPES = [
  "ARMS_TRANSFER",
  "WEAPONS_TEST",
  "WEAPONS_DEVELOPMENT",
  "MILITARY_COOPERATION",
  "MILITARY_EXERCISE",
  "SANCTIONS_ACTION",
  "SANCTIONS_VIOLATION",
  "DIPLOMATIC_CONTACT",
  "THREAT",
  "PERSONNEL_CHANGE",
];
const STANCES = ["ASSERT", "DENY", "HEDGE", "DECLINE"];

/** A snippet whose matched words come wrapped in «…»: the words become <mark>, the rest stays text. */
export function snippetHtml(snippet: string): Html {
  const parts: Html[] = [];
  const re = /«([^»]*)»/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    parts.push(html`${snippet.slice(last, m.index)}<mark>${m[1]}</mark>`);
    last = m.index + m[0].length;
  }
  parts.push(html`${snippet.slice(last)}`);
  return html`${parts}`;
}

function select(
  name: string,
  label: string,
  values: string[],
  current: string | undefined,
  show = (v: string) => v,
) {
  return html`<label>${label} <select name="${name}"><option value="">any</option>${values.map(
    (v) => html`<option value="${v}"${current === v ? html` selected` : ""}>${show(v)}</option>`,
  )}</select></label>`;
}

export function searchPage(
  ctx: PageContext,
  form: SearchForm,
  facets: { outlets: string[]; entities: { key: string; name: string }[] },
  result: { hits: SearchHit[]; offset: number; limit: number; more: boolean; error: string | null } | null,
) {
  const params = { ...form };
  return layout(
    ctx,
    form.q ? `Search: ${form.q}` : "Search",
    html`<h1>Search</h1>
<form class="filters search-form" method="get" action="/search" role="search">
  <label class="grow">Words or "a phrase" <input type="search" name="q" id="search-q" value="${form.q ?? ""}" required autofocus></label>
  ${select("outlet", "Outlet", facets.outlets, form.outlet)}
  <label>Entity <input name="entity" list="entity-list" value="${form.entity ?? ""}" placeholder="name or key"></label>
  <datalist id="entity-list">${facets.entities.map((e) => html`<option value="${e.key}">${e.name}</option>`)}</datalist>
  ${select("type", "Claim type", CLAIM_TYPES, form.type, (v) => v.replaceAll("_", " ").toLowerCase())}
  ${select("stance", "Stance", STANCES, form.stance, (v) => v.toLowerCase())}
  <label>From <input type="date" name="from" value="${form.from ?? ""}"></label>
  <label>To <input type="date" name="to" value="${form.to ?? ""}"></label>
  <button type="submit">Search</button>
</form>
${
  result === null
    ? html`<p class="lede">Search titles and cleaned text: words, "quoted phrases", <code>or</code>, <code>-word</code>. Narrow by outlet, an entity, a claim type or stance in the same article, and dates.</p>`
    : result.error
      ? html`<p class="error" role="alert">${result.error}</p>`
      : result.hits.length === 0
        ? emptyNote("No article matches.")
        : html`<ol class="items hits" start="${result.offset + 1}">${result.hits.map(
            (h) => html`<li class="item hit"><a href="/articles/${h.id}">${h.title || h.source}</a>
          <span class="meta">${h.outlet ?? h.source} · ${h.published ?? "undated"}</span>
          <p class="snippet">${snippetHtml(h.snippet)}</p></li>`,
          )}</ol>
${pageLinks("/search", params, result.offset, result.limit, result.more)}`
}`,
  );
}

export function ledgerPage(
  ctx: PageContext,
  claims: CanonicalClaim[],
  q: { contested?: boolean | undefined; type?: string | undefined; entity?: string | undefined },
  offset: number,
  limit: number,
  more: boolean,
) {
  return layout(
    ctx,
    "Ledger",
    html`<h1>Ledger</h1>
<p class="lede">Every claim merged across articles: who asserts, denies, speculates or declines, and how many independent sources stand behind it.</p>
<form class="filters" method="get" action="/ledger">
  ${select("type", "Claim type", CLAIM_TYPES, q.type, (v) => v.replaceAll("_", " ").toLowerCase())}
  <label>Entity <input name="entity" value="${q.entity ?? ""}" placeholder="name or key"></label>
  <label class="check"><input type="checkbox" name="contested" value="true"${q.contested ? html` checked` : ""}> contested only</label>
  <button type="submit">Filter</button>
</form>
${
  claims.length === 0
    ? emptyNote("No claim matches.")
    : html`<table class="grid"><thead><tr><th scope="col">Claim</th><th scope="col">Asserts</th><th scope="col">Denies</th><th scope="col">Hedges</th><th scope="col" title="independent sources">Indep.</th><th scope="col">Mentions</th></tr></thead>
<tbody>${claims.map(
        (c) =>
          html`<tr class="item${c.contested ? " contested" : ""}"><td>${claimLink(c)}${c.contested ? html` <span class="badge warn">contested</span>` : ""}</td><td>${holdersBy(c, "ASSERT")}</td><td>${holdersBy(c, "DENY")}</td><td>${holdersBy(c, "HEDGE")}</td><td class="num">${c.independentSources}</td><td class="num">${c.mentions}</td></tr>`,
      )}</tbody></table>`
}
${pageLinks("/ledger", { contested: q.contested ? "true" : undefined, type: q.type, entity: q.entity }, offset, limit, more)}`,
  );
}

export function discrepanciesPage(
  ctx: PageContext,
  items: Discrepancy[],
  offset: number,
  limit: number,
  more: boolean,
) {
  return layout(
    ctx,
    "Discrepancies",
    html`<h1>Discrepancies</h1>
${
  items.length === 0
    ? emptyNote("No discrepancy found.")
    : html`<ul class="items">${items.map(
        (d) => html`<li class="item"><span class="badge">${d.kind}</span> ${d.message}
      <span class="meta">${d.claimIds.map((id) => html` <a href="/claims/${id}">claim</a>`)}${d.articleIds.slice(0, 6).map((id) => html` <a href="/articles/${id}">article</a>`)}</span></li>`,
      )}</ul>`
}
${pageLinks("/discrepancies", {}, offset, limit, more)}`,
  );
}

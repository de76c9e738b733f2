/** The graph view, the ingest form and its report, sign-in, and error pages. */
import type { IngestReport } from "../../app/ingest.js";
import type { ClaimGraph } from "../../app/graph.js";
import { html, path } from "../html.js";
import { csrfField, emptyNote, layout, type PageContext, stanceBadge } from "../layout.js";

export function graphPage(
  ctx: PageContext,
  q: { story?: string | undefined; entity?: string | undefined },
  graph: ClaimGraph,
) {
  const api = path("/api/graph", { story: q.story, entity: q.entity });
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const scope = q.story ? "this story" : q.entity ? "this entity" : "the best-supported claims";
  return layout(
    ctx,
    "Network graph",
    html`<h1>Actors and claims</h1>
<p class="lede">Actors (round) tied to the claims (square) they make, deny, hedge on, or appear in, for ${scope}.
${graph.totalClaims > graph.nodes.filter((n) => n.kind === "claim").length ? html`Showing the ${graph.nodes.filter((n) => n.kind === "claim").length} best-supported of ${graph.totalClaims} claims.` : ""}
${q.story ? html`<a href="/stories/${q.story}">Back to the story</a>` : ""}</p>
<ul class="legend" aria-label="Legend">
  <li><span class="swatch actor"></span> actor</li><li><span class="swatch claim"></span> claim</li><li><span class="swatch claim contested"></span> contested claim</li>
  <li>${stanceBadge("ASSERT")} ${stanceBadge("DENY")} ${stanceBadge("HEDGE")} ${stanceBadge("DECLINE")} holder's stance</li>
  <li><span class="edge-key"></span> subject / object</li>
</ul>
<!-- cytoscape adds an inline <style> unless an element with this id exists; the CSP forbids inline styles, and desk.css has the rule it wants -->
<span id="__________cytoscape_stylesheet" hidden></span>
<div id="graph" class="graph" data-src="${api}" role="img" aria-label="Network graph of actors and claims; the table below lists the same links"></div>
<details class="graph-table"><summary>The same links as a table (${graph.edges.length})</summary>
${
  graph.edges.length === 0
    ? emptyNote("No claims to draw.")
    : html`<table class="grid"><thead><tr><th scope="col">From</th><th scope="col">Link</th><th scope="col">To</th></tr></thead><tbody>
${graph.edges.map(
  (e) =>
    html`<tr><td>${names.get(e.source) ?? e.source}</td><td>${e.role}${e.stance ? html` ${stanceBadge(e.stance)}` : ""}</td><td>${
      e.target.startsWith("claim:")
        ? html`<a href="/claims/${e.target.slice(6)}">${names.get(e.target) ?? e.target}</a>`
        : (names.get(e.target) ?? e.target)
    }</td></tr>`,
)}</tbody></table>`
}
</details>`,
    { scripts: ["/static/vendor/cytoscape.min.js", "/static/graph.js"] },
  );
}

export function ingestPage(
  ctx: PageContext,
  report: IngestReport | null = null,
  titles: Map<string, string> = new Map(),
) {
  return layout(
    ctx,
    "Ingest",
    html`<h1>Ingest</h1>
${
  report
    ? html`<section class="report" role="status" aria-labelledby="rep"><h2 id="rep">Ingested</h2>
<p class="counts"><span><b>${report.documents}</b> documents read</span><span><b>${report.inserted}</b> new</span><span><b>${report.unchanged}</b> already stored</span><span><b>${report.problems.length}</b> problems</span></p>
${report.insertedIds.length ? html`<ul class="items">${report.insertedIds.map((id) => html`<li><a href="/articles/${id}">${titles.get(id) || id}</a></li>`)}</ul>` : ""}
${
  report.problems.length
    ? html`<ul class="items problems">${report.problems.map(
        (p) =>
          html`<li class="item"><span class="badge warn">${p.code}</span> <span class="url">${p.source}</span>: ${p.message} <span class="meta">${p.hint}</span></li>`,
      )}</ul>`
    : ""
}</section>`
    : ""
}
${
  ctx.identity
    ? ""
    : html`<p class="notice">Adding articles needs an API token. <a href="${path("/login", { next: "/ingest" })}">Sign in</a> with one from <code>watchdesk token create</code>.</p>`
}
<div class="columns">
<form class="card" method="post" action="/ingest" enctype="multipart/form-data">
  <h2>Upload files</h2>
  <p class="meta">Text, HTML, JSON/JSONL or RSS/Atom; several at once.</p>
  ${csrfField(ctx)}
  <label>Files <input type="file" name="file" multiple required></label>
  <button type="submit">Ingest files</button>
</form>
<form class="card" method="post" action="/ingest" enctype="multipart/form-data">
  <h2>Fetch URLs</h2>
  <p class="meta">One http(s) URL a line. Private and loopback addresses are refused.</p>
  ${csrfField(ctx)}
  <label>URLs <textarea name="urls" rows="5" required placeholder="https://…"></textarea></label>
  <button type="submit">Fetch and ingest</button>
</form>
</div>`,
  );
}

export function loginPage(ctx: PageContext, next: string, error: string | null = null) {
  return layout(
    ctx,
    "Sign in",
    html`<h1>Sign in</h1>
<p class="lede">Reading needs no sign-in. To add articles or change stories, sign in with an API token made by <code>watchdesk token create</code>.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<form class="card narrow" method="post" action="/login">
  <input type="hidden" name="next" value="${next}">
  <label>Token <input type="password" name="token" autocomplete="off" required autofocus placeholder="wdt_…"></label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

export function errorPage(ctx: PageContext, status: number, code: string, message: string, hint: string) {
  return layout(
    ctx,
    `Error ${status}`,
    html`<h1>${status === 404 ? "Not found" : status === 401 ? "Sign-in needed" : status === 403 ? "Refused" : "Something went wrong"}</h1>
<p class="error" role="alert"><span class="badge warn">${code}</span> ${message}</p>
${hint ? html`<p class="meta">${hint}</p>` : ""}
${status === 401 ? html`<p><a href="${path("/login", { next: ctx.here })}">Sign in with a token</a></p>` : ""}
<p><a href="/">Back to the dashboard</a></p>`,
  );
}

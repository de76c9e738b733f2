/**
 * One article: the cleaned text with entity mentions, claim evidence and quotes highlighted (each layer can
 * be switched off), provenance flags, and the boilerplate that cleaning removed, shown on demand.
 */
import type { StoredArticle } from "../../store/types.js";
import { highlight, type Mark } from "../highlight.js";
import { externalLink, html, seg } from "../html.js";
import { emptyNote, layout, type PageContext, stanceBadge, typeLabel } from "../layout.js";

const PROVENANCE_FLAGS = new Set([
  "UNVERIFIED_PROVENANCE",
  "DATE_UNKNOWN",
  "DATE_UNRESOLVED",
  "ACTOR_INCONSISTENT",
]);

export function articlePage(
  ctx: PageContext,
  doc: StoredArticle,
  target: { start: number; end: number } | null,
) {
  const a = doc.article;
  const marks: Mark[] = [];
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      marks.push({
        start: m.start,
        end: m.end,
        className: `hl-entity ent-${e.type.toLowerCase()}`,
        title: `${e.name} (${e.type.toLowerCase()})`,
      });
    }
  }
  doc.claims.forEach((c, i) => {
    marks.push({
      start: c.evidence.start,
      end: c.evidence.end,
      className: `hl-claim stance-${c.stance.toLowerCase()}`,
      title: `${typeLabel(c.type)} — ${c.holder}: ${c.stance}`,
      id: `claim-${i}`,
    });
  });
  for (const at of doc.attributions) {
    for (const [s, e] of at.spans.content) {
      marks.push({
        start: s,
        end: e,
        className: "hl-quote",
        title: `${at.speaker ?? at.speakerText ?? "unknown speaker"} (${at.cue})`,
      });
    }
  }
  if (target) marks.push({ ...target, className: "hl-target", id: "target" });

  const flags = doc.flags;
  const provenance = flags.filter((f) => PROVENANCE_FLAGS.has(f.kind));
  const quality = flags.filter((f) => !PROVENANCE_FLAGS.has(f.kind));
  const flagItem = (f: (typeof flags)[number]) =>
    html`<li class="item"><span class="badge flag">${f.kind}</span> ${f.message}${f.evidence ? html` — <a href="/articles/${a.id}?hl=${f.evidence.start}-${f.evidence.end}#target">“${f.evidence.text.slice(0, 80)}”</a>` : ""}</li>`;

  return layout(
    ctx,
    a.title || a.source,
    html`<article class="article">
<h1>${a.title || a.source}</h1>
<dl class="meta-grid">
  <dt>Outlet</dt><dd>${a.outlet ?? "unknown"}</dd>
  <dt>Published</dt><dd>${a.published ?? "unknown"} <span class="meta">(from ${a.publishedFrom})</span></dd>
  ${a.claimedSource ? html`<dt>Claims to be from</dt><dd>${a.claimedSource}</dd>` : ""}
  ${a.byline ? html`<dt>Byline</dt><dd>${a.byline}</dd>` : ""}
  ${a.dateline ? html`<dt>Dateline</dt><dd>${a.dateline}</dd>` : ""}
  <dt>Source</dt><dd class="url">${a.source}</dd>
  ${a.url ? html`<dt>URL</dt><dd>${externalLink(a.url)}</dd>` : ""}
  <dt>Ingested</dt><dd>${doc.ingestedAt}</dd>
</dl>

<section aria-labelledby="prov">
<h2 id="prov">Provenance</h2>
${provenance.length ? html`<ul class="items flags">${provenance.map(flagItem)}</ul>` : emptyNote("No provenance flag.")}
${quality.length ? html`<details><summary>Text-quality flags (${quality.length})</summary><ul class="items flags">${quality.map(flagItem)}</ul></details>` : ""}
</section>

<section aria-labelledby="text">
<h2 id="text">Cleaned text</h2>
<fieldset class="layers" aria-label="Highlights">
  <legend>Highlight</legend>
  <label><input type="checkbox" data-layer="hl-entity" checked> entities</label>
  <label><input type="checkbox" data-layer="hl-claim" checked> claim evidence</label>
  <label><input type="checkbox" data-layer="hl-quote" checked> quotes</label>
</fieldset>
<div class="body" id="article-body">${highlight(a.body, marks)}</div>
<details class="removed" id="removed"><summary>Removed boilerplate (${a.removed.length})</summary>
${
  a.removed.length
    ? html`<ul class="items">${a.removed.map((r) => html`<li><span class="badge">${r.reason}</span> <span class="removed-text">${r.text}</span></li>`)}</ul>`
    : emptyNote("Nothing was removed.")
}
</details>
</section>

<div class="columns">
<section aria-labelledby="claims">
<h2 id="claims">Claims (${doc.claims.length})</h2>
${
  doc.claims.length
    ? html`<ol class="items">${doc.claims.map(
        (c, i) =>
          html`<li class="item"><a href="#claim-${i}">${typeLabel(c.type)}</a> ${stanceBadge(c.stance)} <span class="holder">${c.holder}</span>: ${c.subject ?? "?"}${c.object ? html` → ${c.object}` : ""}${c.item ? html` · ${c.item}` : ""}${c.when ? html` <span class="meta">(${c.when})</span>` : ""}</li>`,
      )}</ol>`
    : emptyNote("No claim found.")
}
</section>
<section aria-labelledby="ents">
<h2 id="ents">Entities (${doc.entities.length})</h2>
<ul class="items">${doc.entities.map(
      (e) =>
        html`<li class="item"><a href="/entities/${seg(e.key)}">${e.name}</a> <span class="meta">${e.type.toLowerCase()} · ${e.mentions.length}×${e.roles.length ? ` · ${e.roles.join(", ")}` : ""}</span></li>`,
    )}</ul>
</section>
</div>
</article>`,
  );
}

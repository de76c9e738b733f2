/** The page frame every desk page shares, and small presentation parts used across pages. */
import type { TokenIdentity } from "../app/tokens.js";
import type { CanonicalClaim, Stance } from "../types.js";
import { type Child, type Html, html, path } from "./html.js";

/** What a page knows about the request it answers. */
export interface PageContext {
  identity: TokenIdentity | null;
  /** The session's CSRF token (signed-in browsers only). */
  csrf: string | null;
  /** Path and query of this request (for "sign in and come back"). */
  here: string;
}

const NAV: [string, string, string][] = [
  ["/", "Dashboard", "d"],
  ["/stories", "Stories", "t"],
  ["/ledger", "Ledger", "l"],
  ["/entities", "Entities", "e"],
  ["/graph", "Graph", "g"],
  ["/search", "Search", "s"],
  ["/ingest", "Ingest", "i"],
];

export function layout(
  ctx: PageContext,
  title: string,
  body: Child,
  options: { scripts?: string[] } = {},
): Html {
  const current = ctx.here.split("?")[0] ?? "/";
  const active = (href: string) => (href === "/" ? current === "/" : current.startsWith(href));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Watchdesk</title>
<link rel="stylesheet" href="/static/desk.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
${ctx.csrf ? html`<meta name="csrf-token" content="${ctx.csrf}">` : ""}
<script src="/static/desk.js" defer></script>
${(options.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Watchdesk</a>
  <nav aria-label="Main">
    ${NAV.map(
      ([href, label, key]) =>
        html`<a href="${href}" data-key="${key}"${active(href) ? html` aria-current="page"` : ""}>${label}</a>`,
    )}
  </nav>
  <form class="quick-search" action="/search" method="get" role="search">
    <input type="search" name="q" placeholder="Search articles  ( / )" aria-label="Search articles" id="quick-q">
  </form>
  <div class="who">
    ${
      ctx.identity
        ? html`<span title="token ${ctx.identity.id}">${ctx.identity.name}</span>
      <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrf ?? ""}"><button type="submit" class="link">Sign out</button></form>`
        : html`<a href="${path("/login", { next: ctx.here })}">Sign in</a>`
    }
  </div>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="foot">
  <span>Keys: <kbd>/</kbd> search · <kbd>g</kbd> then <kbd>d</kbd> <kbd>t</kbd> <kbd>l</kbd> <kbd>e</kbd> <kbd>s</kbd> <kbd>i</kbd> to go to a section · <kbd>j</kbd>/<kbd>k</kbd> next/previous item</span>
  <a href="/openapi.json">API (OpenAPI)</a>
</footer>
</body>
</html>`;
}

export function stanceBadge(stance: Stance | string): Html {
  return html`<span class="stance stance-${stance.toLowerCase()}">${stance}</span>`;
}

export function typeLabel(type: string): string {
  return type.replaceAll("_", " ").toLowerCase();
}

/** "North Korea → Russia: 12,000 containers of artillery shells (2024-08)" */
export function claimSummary(
  c: Pick<CanonicalClaim, "subject" | "object" | "item" | "quantity" | "when">,
): Html {
  const what = [c.quantity?.text, c.item].filter(Boolean).join(" ");
  return html`<span class="parties">${c.subject ?? "?"}${c.object ? html` → ${c.object}` : ""}</span>${what ? html`<span class="what">: ${what}</span>` : ""}${c.when ? html` <span class="when">(${c.when})</span>` : ""}`;
}

export function claimLink(c: CanonicalClaim): Html {
  return html`<a class="claim-link" href="/claims/${c.id}"><span class="ctype">${typeLabel(c.type)}</span> ${claimSummary(c)}</a>`;
}

export function holdersBy(c: CanonicalClaim, stance: Stance): Html {
  const hs = c.holders.filter((h) => h.stance === stance);
  if (hs.length === 0) return html`<span class="none">—</span>`;
  return html`${hs.map((h, i) => html`${i ? ", " : ""}<span class="holder">${h.holder}</span>`)}`;
}

export function pager(next: string | null, prev: string | null): Html {
  if (!next && !prev) return html``;
  return html`<nav class="pager" aria-label="Pages">
    ${prev ? html`<a href="${prev}" rel="prev">← Previous</a>` : html`<span></span>`}
    ${next ? html`<a href="${next}" rel="next">Next →</a>` : html`<span></span>`}
  </nav>`;
}

/** Previous/next links for an offset-paged list. */
export function pageLinks(
  base: string,
  params: Record<string, string | number | boolean | null | undefined>,
  offset: number,
  limit: number,
  hasMore: boolean,
): Html {
  const prev =
    offset > 0 ? path(base, { ...params, offset: Math.max(0, offset - limit) || undefined }) : null;
  const next = hasMore ? path(base, { ...params, offset: offset + limit }) : null;
  return pager(next, prev);
}

export function emptyNote(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}

export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf ?? ""}">`;
}

export function dateSpan(start: string | null, end: string | null): string {
  if (!start && !end) return "undated";
  if (start === end || !end) return start ?? "";
  return `${start ?? "?"} → ${end}`;
}

/** Link to an article, with one span highlighted and scrolled to. */
export function articleHref(id: string, span?: { start: number; end: number } | null): string {
  return span ? `/articles/${id}?hl=${span.start}-${span.end}#target` : `/articles/${id}`;
}

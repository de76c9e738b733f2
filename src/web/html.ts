/**
 * HTML with escaping by construction. `html` is a tagged template: every interpolated value is escaped
 * (&, <, >, ", ') unless it is itself `Html` made by `html` — so article text, titles, names and URLs can
 * never become markup. Attribute values must be quoted in the template ("…"), which the escaping of quotes
 * then keeps closed. Links go through `href()`, which only lets http(s) and the desk's own paths through
 * (never `javascript:` or `data:`).
 *
 * Written here rather than using hono/html because that helper's result type is a union with a Promise,
 * which would spread through every page function; this one is synchronous and typed.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | Child[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return "";
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return child.map(render).join("");
  return escapeHtml(String(child));
}

export function html(strings: TemplateStringsArray, ...values: Child[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Trusted markup that is not built with `html` (only for constant strings in this folder). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * A URL safe to put in an href: the desk's own absolute paths, and http(s) URLs. Anything else
 * (`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`) gives null: show it as text instead.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  if (/^\/(?!\/)/.test(u) && !/[\u0000-\u001f\\]/.test(u)) return u;
  if (!URL.canParse(u)) return null;
  const parsed = new URL(u);
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}

/** A link to an outside page (article URLs): safe, opened without referrer or opener; text otherwise. */
export function externalLink(url: string | null | undefined, label?: string): Html {
  const safe = safeUrl(url);
  if (!safe || safe.startsWith("/")) return html`<span class="url">${url ?? ""}</span>`;
  return html`<a href="${safe}" rel="noopener noreferrer nofollow" target="_blank">${label ?? url}</a>`;
}

/** A path on the desk with query parameters (undefined and empty values are left out). */
export function path(
  base: string,
  params: Record<string, string | number | boolean | null | undefined> = {},
) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** Encode one path segment (entity keys hold ':'). */
export const seg = (s: string) => encodeURIComponent(s);

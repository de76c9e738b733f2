/**
 * Cut what can never be article text out of the HTML string before it is parsed: <script> (except JSON-LD,
 * which carries metadata), <style>, <svg>, <template>, <iframe>, <noscript>, <nav>, <aside> (sidebars), <button>, <select>, <object>, <textarea> and
 * comments. Parsing and Readability then touch a fraction of the nodes — on news pages often half of the bytes are scripts.
 * The opening tags are found with a regex of plain alternatives (linear); each closing tag with indexOf, and
 * an unterminated block drops the rest of the page, so hostile input cannot make this quadratic.
 */
import { indexOfClosingTag } from "./slim-html.js";

export const INERT_BLOCKS = [
  "script",
  "style",
  "svg",
  "template",
  "iframe",
  "noscript",
  "nav",
  "aside",
  "button",
  "select",
  // Readability drops these from the article it picks anyway (_prepArticle).
  "object",
  "textarea",
] as const;

const OPENING = new RegExp(`<!--|<(${INERT_BLOCKS.join("|")})[\\s>/]`, "gi");

export function stripInert(html: string): string {
  const out: string[] = [];
  let pos = 0;
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(html); m !== null; m = OPENING.exec(html)) {
    const start = m.index;
    if (start < pos) continue;
    let end: number;
    const tag = m[1]?.toLowerCase();
    if (!tag) {
      const close = html.indexOf("-->", start + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      const openEnd = html.indexOf(">", start);
      if (tag === "script" && openEnd > 0 && /ld\+json/i.test(html.slice(start, openEnd))) continue;
      const close = indexOfClosingTag(html, tag, start);
      const closeEnd = close < 0 ? -1 : html.indexOf(">", close);
      end = closeEnd < 0 ? html.length : closeEnd + 1;
    }
    out.push(html.slice(pos, start));
    pos = end;
    OPENING.lastIndex = end;
  }
  out.push(html.slice(pos));
  return out.join("");
}

/**
 * Date expressions resolved against the publication date with chrono-node. News reports mostly look back,
 * so bare weekdays and months resolve to the past ("on Friday" in a Sunday article = the Friday before),
 * except when the phrase itself points ahead ("next", "later this month", "through").
 */
import * as chrono from "chrono-node";
import type { DateMention } from "../types.js";

const MONTH_ONLY =
  /^(?:in|by|since|until|late|early|mid|last)?\s*(?:late|early|mid-?)?\s*(January|February|March|April|May|June|July|August|September|October|November|December)(\s+\d{4})?$/i;
const FORWARD = /\b(next|later|coming|upcoming|through|until|tomorrow)\b/i;
/**
 * "a week after", "two days before", "a month later": a span counted from another event ("a week after Seoul
 * said …"), which chrono counts from the publication date instead.
 */
const FROM_EVENT = /\b(?:after|before|later|earlier)$/i;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function findDates(body: string, published: string | null): DateMention[] {
  const out: DateMention[] = [];
  const ref = published ? new Date(`${published}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  const results = chrono.en.casual.parse(body, { instant: ref, timezone: 0 }, { forwardDate: false });
  for (const r of results) {
    const text = r.text;
    if (/^\d{1,2}$/.test(text.trim()) || /^(now|today)$/i.test(text.trim())) continue;
    const explicitYear = r.start.isCertain("year") && /\b\d{4}\b/.test(text);
    const unresolved = (note: string) =>
      out.push({ text, start: r.index, end: r.index + text.length, resolved: null, note });
    if (FROM_EVENT.test(text.trim()) && !/\b\d{4}\b/.test(text)) {
      unresolved("counted from another event, not from the publication date");
      continue;
    }
    if (!published && !explicitYear) {
      unresolved("no publication date to resolve against");
      continue;
    }
    const year = r.start.get("year") ?? ref.getUTCFullYear();
    const month = r.start.get("month") ?? 1;
    let day = r.start.get("day") ?? 1;
    let y = year;
    let mo = month;
    const before = body.slice(Math.max(0, r.index - 12), r.index);
    const context = `${before} ${text}`;
    const monthOnly = MONTH_ONLY.test(text.trim()) && !r.start.isCertain("day");
    const hasDay = r.start.isCertain("day") || r.start.isCertain("weekday");
    if (!explicitYear && published) {
      const pub = new Date(`${published}T12:00:00Z`);
      let d = new Date(Date.UTC(y, mo - 1, day, 12));
      const forward = FORWARD.test(context);
      if (r.start.isCertain("weekday") && !r.start.isCertain("day")) {
        // Chrono may pick the coming weekday; news lean to the past unless the phrase says otherwise.
        while (!forward && d > pub) d = new Date(d.getTime() - 7 * 86400000);
        while (forward && d < pub) d = new Date(d.getTime() + 7 * 86400000);
      } else if (!forward && d.getTime() - pub.getTime() > 45 * 86400000) {
        d = new Date(Date.UTC(y - 1, mo - 1, day, 12));
      }
      y = d.getUTCFullYear();
      mo = d.getUTCMonth() + 1;
      day = d.getUTCDate();
    }
    let resolved: string;
    if (monthOnly || (!hasDay && r.start.isCertain("month"))) resolved = `${y}-${pad(mo)}`;
    else if (!hasDay && !r.start.isCertain("month") && explicitYear) resolved = `${y}`;
    else resolved = `${y}-${pad(mo)}-${pad(day)}`;
    if (/later this month|this month/i.test(context)) resolved = `${y}-${pad(mo)}`;
    out.push({ text, start: r.index, end: r.index + text.length, resolved, note: null });
  }
  return out;
}

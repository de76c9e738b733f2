/** When two claims may be the same claim: compatible dates, quantities and items. */
import type { Quantity } from "../types.js";

const DAY = 86_400_000;
const ITEM_STOP = new Set(["of", "the", "a", "an", "and", "for", "to", "with", "in", "its", "new"]);

export function daysBetween(a: string, b: string): number {
  const pa = Date.parse(a.length === 7 ? `${a}-01` : a.length === 4 ? `${a}-01-01` : a);
  const pb = Date.parse(b.length === 7 ? `${b}-01` : b.length === 4 ? `${b}-01-01` : b);
  return Math.round((pb - pa) / DAY);
}

export function datesCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return a.length === 10 && b.length === 10 && Math.abs(daysBetween(a, b)) <= 2;
}

export function quantitiesCompatible(a: Quantity | null, b: Quantity | null): boolean {
  if (!a || !b) return true;
  const big = Math.max(a.value, b.value);
  return big === 0 || Math.abs(a.value - b.value) / big <= 0.15;
}

export function itemWords(item: string | null): string[] {
  if (!item) return [];
  return item
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length > 1 && !ITEM_STOP.has(w))
    .map((w) => w.replace(/(?<=[a-z]{3})(es|s)$/, ""));
}

/** Words that name any weapon or any cargo rather than one ("weapons", "munitions", "containers of…"): an
 * item made only of these is compatible with every item. Data: extend it as the lexicons grow. */
export const GENERIC_ITEM_WORDS = new Set(
  "weapon arm munition ammunition military equipment hardware suppli cargo shipment container crate pallet rail car wagon ton load consignment material".split(
    " ",
  ),
);

function generic(words: string[]): boolean {
  return words.length > 0 && words.every((w) => GENERIC_ITEM_WORDS.has(w));
}

export function itemsCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const wa = itemWords(a);
  const wb = itemWords(b);
  if (generic(wa) || generic(wb)) return true;
  const set = new Set(wa);
  return wb.some((w) => set.has(w));
}

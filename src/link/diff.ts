/** Compare two sanctions lists by reference number. */
import type { SanctionsEntry, SanctionsList } from "../types.js";

export interface SanctionsChange {
  reference: string;
  name: string;
  /** Fields whose value differs ("aliases", "listedOn"…). */
  fields: string[];
}

export interface SanctionsDiff {
  added: SanctionsEntry[];
  removed: SanctionsEntry[];
  changed: SanctionsChange[];
}

const FIELDS = [
  "name",
  "aliases",
  "regime",
  "listedOn",
  "nationality",
  "birthDates",
  "imo",
  "comments",
] as const;

export function diffSanctionsLists(before: SanctionsList | null, after: SanctionsList): SanctionsDiff {
  const old = new Map((before?.entries ?? []).map((e) => [e.reference, e]));
  const now = new Map(after.entries.map((e) => [e.reference, e]));
  const added = after.entries.filter((e) => !old.has(e.reference));
  const removed = (before?.entries ?? []).filter((e) => !now.has(e.reference));
  const changed: SanctionsChange[] = [];
  for (const e of after.entries) {
    const o = old.get(e.reference);
    if (!o) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(o[f]) !== JSON.stringify(e[f]));
    if (fields.length > 0) changed.push({ reference: e.reference, name: e.name, fields });
  }
  return { added, removed, changed };
}

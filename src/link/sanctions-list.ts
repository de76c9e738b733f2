/**
 * Parse the UN Security Council Consolidated List XML into a `SanctionsList`.
 * XML is read with linkedom's XML parser (already a dependency); it does not read DTDs, so no
 * entity expansion takes place. Every text value is trimmed (the list has stray spaces).
 */
import { DOMParser } from "linkedom";
import { WatchdeskError } from "../errors.js";
import type { SanctionsEntry, SanctionsList } from "../types.js";

type El = {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<El>;
  getAttribute(name: string): string | null;
};

function kids(el: El, tag: string): El[] {
  return Array.from(el.children).filter((c) => c.tagName.toUpperCase() === tag);
}

function text(el: El | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

function first(el: El, tag: string): string {
  return text(kids(el, tag)[0]);
}

/** Vessel names in COMMENTS1 written in title case after "vessel": "its vessel, the Chong Chon Gang". */
const TITLE_VESSEL =
  /\bvessels?,?\s+(?:named\s+)?(?:the\s+)?((?:[A-Z][\w-]*|\d+)(?:\s+(?:[A-Z][\w-]*|\d+))*(?:\s*(?:,|and)\s*(?:[A-Z][\w-]*|\d+)(?:\s+(?:[A-Z][\w-]*|\d+))*)*)/g;
/** The list writes ship names in capitals: "tanker YU JONG 2", "owner of HUA FU". */
const CAPS_NAME = /(?<![\w-])[A-Z]{2,}(?:[ \t]+[A-Z]{2,})*(?:[ \t]+\d{1,3})?(?![\w-])/g;
/** Capitalised words that are never ship names: acronyms and company words. Data, extend as needed. */
const NOT_VESSEL =
  /^(?:DPRK|IMO|UN|SWIFT|ETA|KOMID|MV|OMM)$|\b(?:SHIPPING|COMPANY|CORPORATION|BANK|TRADING|LIMITED|LTD)\b/;
const IMO_PATTERN = /\bIMO\)?\s*(?:Number|No\.?|number)?\s*:?\s*(\d{7})\b/;
const SHIP_WORDS = /\b(?:vessels?|tankers?|ships?)\b/i;

function pushName(out: string[], name: string): void {
  const clean = name.replace(/\s+/g, " ").trim();
  if (
    clean &&
    !/^(?:The|It|Its|This|Both)$/.test(clean) &&
    !out.some((o) => o.toLowerCase() === clean.toLowerCase())
  )
    out.push(clean);
}

/** Vessel names a comment states (only comments that speak of ships); exported for tests. */
export function vesselsInComment(comment: string): string[] {
  const out: string[] = [];
  if (!SHIP_WORDS.test(comment)) return out;
  for (const m of comment.matchAll(TITLE_VESSEL)) {
    for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) {
      if (!/^[A-Z]{2,}/.test(part)) pushName(out, part);
    }
  }
  for (const m of comment.matchAll(CAPS_NAME)) {
    const name = m[0];
    const words = name.split(/\s+/);
    const before = comment.slice(Math.max(0, (m.index ?? 0) - 12), m.index ?? 0);
    // One capitalised word is a ship name only right after "vessel"/"tanker" ("vessel KOTI").
    if (words.length < 2 && !/\b(?:vessels?|tankers?)\s+$/i.test(before)) continue;
    if (NOT_VESSEL.test(name)) continue;
    pushName(out, name);
  }
  return out;
}

/** "X COMPANY, LIMITED (XCL)" → the name without the parenthesis, and the acronym; "(KPE.018)" notes dropped. */
function nameVariants(name: string): string[] {
  const m = name.match(/^(.*?)\s*\(([^)]*)\)\s*$/);
  if (!m) return [];
  const out = [m[1] ?? ""];
  if (/^[A-Z][A-Z0-9&]{1,9}$/.test(m[2] ?? "")) out.push(m[2] ?? "");
  return out.filter((s) => s !== "");
}

function aliases(record: El, tag: string): string[] {
  const out: string[] = [];
  for (const a of kids(record, tag)) {
    const name = first(a, "ALIAS_NAME");
    if (name && !out.includes(name)) out.push(name);
    for (const v of nameVariants(name)) if (!out.includes(v)) out.push(v);
  }
  return out;
}

function fullName(record: El): string {
  return ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
    .map((t) => first(record, t))
    .filter((s) => s !== "")
    .join(" ");
}

function birthDates(record: El): string[] {
  const out: string[] = [];
  for (const d of kids(record, "INDIVIDUAL_DATE_OF_BIRTH")) {
    const value = first(d, "DATE") || first(d, "YEAR");
    if (value) out.push(value);
  }
  return out;
}

function values(record: El, tag: string): string[] {
  return kids(record, tag)
    .flatMap((n) => kids(n, "VALUE").map(text))
    .filter((v) => v !== "");
}

/** Parse the list; throws SANCTIONS_XML_INVALID when it is not a consolidated list. */
export function parseSanctionsXml(xml: string, source: string): SanctionsList {
  const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as { documentElement: El | null };
  const root = doc.documentElement;
  if (root?.tagName.toUpperCase() !== "CONSOLIDATED_LIST") {
    throw new WatchdeskError("SANCTIONS_XML_INVALID", "not a UN consolidated sanctions list", {
      input: source,
      hint: "expected a root element CONSOLIDATED_LIST (https://scsanctions.un.org/resources/xml/en/consolidated.xml)",
    });
  }
  const entries: SanctionsEntry[] = [];
  for (const group of kids(root, "INDIVIDUALS")) {
    for (const r of kids(group, "INDIVIDUAL")) {
      entries.push({
        reference: first(r, "REFERENCE_NUMBER"),
        kind: "person",
        name: fullName(r),
        aliases: aliases(r, "INDIVIDUAL_ALIAS"),
        regime: first(r, "UN_LIST_TYPE"),
        listedOn: first(r, "LISTED_ON") || null,
        nationality: values(r, "NATIONALITY"),
        birthDates: birthDates(r),
        imo: null,
        comments: first(r, "COMMENTS1") || null,
      });
    }
  }
  for (const group of kids(root, "ENTITIES")) {
    for (const r of kids(group, "ENTITY")) {
      const reference = first(r, "REFERENCE_NUMBER");
      const comments = first(r, "COMMENTS1") || null;
      const countries = kids(r, "ENTITY_ADDRESS")
        .map((a) => first(a, "COUNTRY"))
        .filter((c, i, all) => c !== "" && all.indexOf(c) === i);
      const entry: SanctionsEntry = {
        reference,
        kind: "entity",
        name: fullName(r),
        aliases: [...nameVariants(fullName(r)), ...aliases(r, "ENTITY_ALIAS")],
        regime: first(r, "UN_LIST_TYPE"),
        listedOn: first(r, "LISTED_ON") || null,
        nationality: countries,
        birthDates: [],
        imo: comments?.match(IMO_PATTERN)?.[1] ?? null,
        comments,
      };
      entries.push(entry);
      for (const vessel of comments ? vesselsInComment(comments) : []) {
        entries.push({
          ...entry,
          reference: `${reference}/vessel/${vessel}`,
          kind: "vessel",
          name: vessel,
          aliases: [],
          // The IMO numbers in these comments belong to the company, not the ship (see the data README).
          imo: null,
        });
      }
    }
  }
  return { generated: root.getAttribute("dateGenerated") ?? new Date().toISOString(), source, entries };
}

/**
 * Generated folders of short reports in the domain's style (invented outlets, people and serial numbers), for
 * the fault and hostile-input suites. Report `i` is always the same text, and no two reports share a body, so
 * a folder of n reports must end up as exactly n articles: fewer is a loss, more a duplicate.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUTLETS = ["Harbor Ledger", "Coastal Wire", "Northern Dispatch", "Strait Monitor", "Border Review"];
const DATELINES = ["SEOUL", "TOKYO", "VIENNA", "GENEVA", "TALLINN", "BRUSSELS"];
const SUPPLIERS = ["North Korea", "Iran", "Belarus"];
const RECEIVERS = ["Russia", "Syria", "Myanmar"];
const OBSERVERS = [
  ["South Korea", "defense ministry"],
  ["Japan", "coast guard"],
  ["Ukraine", "military intelligence agency"],
  ["Estonia", "navy"],
];
const ITEMS = ["artillery shells", "rocket launchers", "drones", "ballistic missiles", "rifle cartridges"];
const EVIDENCE = [
  "satellite imagery",
  "shipping records",
  "intercepted radio traffic",
  "port camera footage",
];
const SPEAKERS = ["Han Seo-yun", "Aiko Morita", "Oleh Kravets", "Liis Tamm", "Park Ji-ho"];
const ROLES = ["spokesperson", "deputy minister", "senior official", "press officer"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The text of report `i` (0-based): a dated, attributed report with a denial and a unique serial number. */
export function reportText(i: number): string {
  const supplier = at(SUPPLIERS, i);
  const receiver = at(RECEIVERS, Math.floor(i / 3));
  const [observer, agency] = at(OBSERVERS, Math.floor(i / 2)) as [string, string];
  const item = at(ITEMS, Math.floor(i / 5));
  const month = at(MONTHS, Math.floor(i / 7));
  const day = (i % 27) + 1;
  const serial = `WD-${String(1000 + i)}-${(i * 7919) % 997}`;
  const speaker = at(SPEAKERS, i + 2);
  return `${month} ${day}, 2031

${at(OUTLETS, i)}

${supplier} sent ${item} to ${receiver}, ${observer} says (shipment ${serial})

(${at(DATELINES, i)}) ${supplier} shipped ${10 + (i % 40)} containers of ${item} to ${receiver} in ${month}, ${observer}'s ${agency} said on Tuesday, citing ${at(EVIDENCE, i)} of consignment ${serial}.

"We are following consignment ${serial} closely," ${agency} ${at(ROLES, i)} ${speaker} told reporters.

${supplier}'s foreign ministry denied the report, calling it "a fabrication".`;
}

/** Write reports `from` … `to - 1` into `dir` as numbered .txt files; returns their paths in order. */
export function writeReports(dir: string, from: number, to: number): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = from; i < to; i++) {
    const path = join(dir, `report-${String(i).padStart(5, "0")}.txt`);
    writeFileSync(path, reportText(i));
    paths.push(path);
  }
  return paths;
}

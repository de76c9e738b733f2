/** Use cases for the sanctions list: import (with a diff against the stored list), match, diff files. */
import { readFile } from "node:fs/promises";
import { WatchdeskError } from "../errors.js";
import {
  buildSanctionsIndex,
  DEFAULT_THRESHOLD,
  diffSanctionsLists,
  matchEntity,
  parseSanctionsXml,
  type SanctionsDiff,
} from "../link/index.js";
import type { Store } from "../store/types.js";
import type { SanctionsLink, SanctionsList } from "../types.js";

export async function readSanctionsFile(file: string): Promise<SanctionsList> {
  let xml: string;
  try {
    xml = await readFile(file, "utf8");
  } catch (cause) {
    throw new WatchdeskError("SANCTIONS_FILE_UNREADABLE", "cannot read the sanctions list", {
      input: file,
      hint: "give the path of the UN consolidated list XML",
      cause,
    });
  }
  return parseSanctionsXml(xml, file);
}

export interface ImportResult {
  entries: number;
  generated: string;
  diff: SanctionsDiff;
}

/** Parse `file`, store it as the current list, and say what changed since the stored one. */
export async function importSanctions(store: Store, file: string): Promise<ImportResult> {
  const list = await readSanctionsFile(file);
  const before = await store.getSanctionsList();
  await store.saveSanctionsList(list);
  return { entries: list.entries.length, generated: list.generated, diff: diffSanctionsLists(before, list) };
}

export async function diffSanctionsFiles(oldFile: string, newFile: string): Promise<SanctionsDiff> {
  return diffSanctionsLists(await readSanctionsFile(oldFile), await readSanctionsFile(newFile));
}

export interface EntityMatch {
  key: string;
  name: string;
  type: string;
  articleCount: number;
  links: SanctionsLink[];
}

export interface MatchSanctionsOptions {
  threshold?: number;
  regimes?: string[];
}

/** Score every stored entity (people, organisations, vessels) against the stored list. */
export async function matchSanctions(
  store: Store,
  options: MatchSanctionsOptions = {},
): Promise<EntityMatch[]> {
  const list = await store.getSanctionsList();
  if (!list) {
    throw new WatchdeskError("SANCTIONS_LIST_MISSING", "no sanctions list has been imported", {
      hint: "run `watchdesk sanctions import <consolidated.xml>` first",
    });
  }
  const index = buildSanctionsIndex(list);
  const out: EntityMatch[] = [];
  for (const type of ["PERSON", "ORG", "VESSEL"] as const) {
    for (const e of await store.listEntities({ type })) {
      const links = matchEntity({ name: e.name, type: e.type, aliases: e.aliases }, index, {
        threshold: options.threshold ?? DEFAULT_THRESHOLD,
        ...(options.regimes ? { regimes: options.regimes } : {}),
      });
      if (links.length > 0)
        out.push({ key: e.key, name: e.name, type: e.type, articleCount: e.articleCount, links });
    }
  }
  return out.sort(
    (a, b) => (b.links[0]?.score ?? 0) - (a.links[0]?.score ?? 0) || a.name.localeCompare(b.name),
  );
}

/**
 * PolNeAR reader (../shared/data/attribution/polnear, BRAT standoff; see its README). One `.ann` per article:
 * the lexicographically smallest annotator id unless one is named. Attributions are read from the E lines'
 * role arguments (Source, Cue, Content, Content2); trigger-only events are dropped and a missing Cue falls
 * back to the trigger span. Used by the attribution eval and by scripts/train-attribution.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../src/types.js";

export interface GoldAttribution {
  source: Span[];
  cue: Span[];
  content: Span[];
}

export interface GoldDocument {
  doc: string;
  text: string;
  attributions: GoldAttribution[];
}

/** Parse one BRAT `.ann` file into attributions (spans as half-open [start, end) pairs). */
export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, Span[]>();
  const events: string[] = [];
  for (const line of ann.split("\n")) {
    const t = /^(T\d+)\t\S+ ([\d ;]+)\t/.exec(line);
    if (t?.[1] && t[2]) {
      const frags = t[2]
        .split(";")
        .map((f) => f.trim().split(/\s+/).map(Number))
        .filter((f) => f.length === 2 && f.every(Number.isFinite))
        .map((f) => [f[0], f[1]] as Span);
      spans.set(t[1], frags);
    } else if (/^E\d+\t/.test(line)) events.push(line.split("\t")[1] ?? "");
  }
  const out: GoldAttribution[] = [];
  for (const ev of events) {
    const args = ev.trim().split(/\s+/);
    const trigger = args[0]?.split(":")[1];
    const roles = new Map<string, string[]>();
    for (const a of args.slice(1)) {
      const [role, id] = a.split(":");
      if (!role || !id) continue;
      const key = role.replace(/\d+$/, "");
      roles.set(key, [...(roles.get(key) ?? []), id]);
    }
    if (roles.size === 0) continue; // trigger-only event
    const get = (role: string): Span[] => (roles.get(role) ?? []).flatMap((id) => spans.get(id) ?? []);
    let cue = get("Cue");
    if (cue.length === 0 && trigger) cue = spans.get(trigger) ?? [];
    out.push({ source: get("Source"), cue, content: get("Content") });
  }
  return out;
}

/** The documents of one split ("train" or "dev") under `dir` (…/attribution/polnear). */
export function readSplit(dir: string, split: string, annotator?: string): GoldDocument[] {
  const textDir = join(dir, split, "text");
  const annDir = join(dir, split, "attributions");
  const anns = readdirSync(annDir).filter((f) => f.endsWith(".ann"));
  const byStem = new Map<string, string[]>();
  for (const f of anns) {
    const m = /^(.*)_([0-9a-f]{4})\.ann$/.exec(f);
    if (!m?.[1] || !m[2]) continue;
    byStem.set(m[1], [...(byStem.get(m[1]) ?? []), m[2]]);
  }
  const docs: GoldDocument[] = [];
  for (const f of readdirSync(textDir).sort()) {
    if (!f.endsWith(".txt")) continue;
    const doc = f.slice(0, -4);
    const ids = (byStem.get(doc) ?? []).sort();
    const id = annotator && ids.includes(annotator) ? annotator : ids[0];
    if (!id) continue;
    const text = readFileSync(join(textDir, f), "utf8");
    const attributions = parseAnn(readFileSync(join(annDir, `${doc}_${id}.ann`), "utf8"));
    docs.push({ doc, text, attributions });
  }
  return docs;
}

/**
 * The part of train kept out of training to check generalisation (about 1 article in 10, chosen by a hash of
 * the file stem, so the split is stable and spread over all publishers).
 */
export function isHeldOut(doc: string): boolean {
  return stemHash(doc) % 10 === 0;
}

/**
 * Another tenth of train (disjoint from the held-out part) on which scripts/train-attribution.ts makes its
 * choices (decoding bias, feature experiments), with a model trained on the rest.
 */
export function isTuning(doc: string): boolean {
  return stemHash(doc) % 10 === 1;
}

function stemHash(doc: string): number {
  let h = 2166136261;
  for (let i = 0; i < doc.length; i++) {
    h ^= doc.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * Learned attribution spans: who (source), the cue, and what (content), as character spans into a text.
 * Two linear-chain perceptrons (perceptron.ts) trained by scripts/train-attribution.ts on PolNeAR train:
 * a cue tagger over each paragraph, then for each cue an argument tagger that marks its source and content
 * in the same paragraph. The trained weights ship in ./model.bin (a build artifact of that script, a few MB,
 * loaded once, no download); `hasModel()` is false when it is absent and callers fall back to rules.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Span } from "../../types.js";
import { argSequence, cueSequence, staticHashes, tokenInfo } from "./features.js";
import { ChainModel } from "./perceptron.js";
import { type Paragraph, paragraphsOf } from "./tokens.js";

export interface SpanAttribution {
  source: Span[];
  cue: Span[];
  content: Span[];
}

export interface AttributionModel {
  cue: ChainModel;
  arg: ChainModel;
}

export const CUE_LABELS = ["O", "B-CUE", "I-CUE"];
export const ARG_LABELS = ["O", "B-S", "I-S", "B-C", "I-C"];

const MAGIC = "WDAM1";

export function packModel(m: AttributionModel): Buffer {
  const a = m.cue.save();
  const b = m.arg.save();
  const head = Buffer.alloc(MAGIC.length + 8);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(a.length, MAGIC.length);
  head.writeUInt32LE(b.length, MAGIC.length + 4);
  return Buffer.concat([head, a, b]);
}

export function unpackModel(data: Buffer): AttributionModel {
  if (data.subarray(0, MAGIC.length).toString("latin1") !== MAGIC)
    throw new Error("not a Watchdesk attribution model (bad header)");
  const la = data.readUInt32LE(MAGIC.length);
  const lb = data.readUInt32LE(MAGIC.length + 4);
  const at = MAGIC.length + 8;
  return {
    cue: ChainModel.load(data.subarray(at, at + la)),
    arg: ChainModel.load(data.subarray(at + la, at + la + lb)),
  };
}

/** Where the shipped model is: beside this module, or (running from dist/) beside its source. */
export function modelPath(): string | null {
  const env = process.env.WATCHDESK_ATTRIBUTION_MODEL;
  if (env) return existsSync(env) ? env : null;
  const here = fileURLToPath(new URL("./model.bin", import.meta.url));
  if (existsSync(here)) return here;
  const src = here.replace(/([\\/])dist([\\/])/, "$1src$2");
  return existsSync(src) ? src : null;
}

let loaded: AttributionModel | null | undefined;

/** The shipped model, loaded once; null when there is none. */
export function defaultModel(): AttributionModel | null {
  if (loaded === undefined) {
    const path = modelPath();
    loaded = path ? unpackModel(readFileSync(path)) : null;
  }
  return loaded;
}

export function hasModel(): boolean {
  return defaultModel() !== null;
}

/** Runs of one label family (B-X then I-X…) as [first, last+1) token ranges. */
function runs(labels: Uint8Array, names: string[], kind: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i <= labels.length; i++) {
    const name = i < labels.length ? (names[labels[i] ?? 0] ?? "O") : "O";
    if (open >= 0 && name !== `I-${kind}`) {
      out.push([open, i]);
      open = -1;
    }
    if (name === `B-${kind}`) open = i;
  }
  return out;
}

/**
 * Paragraphs longer than this many tokens (no news paragraph comes near: PolNeAR's longest is ~500) tag each
 * cue's source and content within WINDOW tokens on either side of it, not over the whole paragraph: one
 * argument pass per cue over every token made a long unbroken text (a page without line breaks, a hostile
 * one-line file) quadratic — 20 s for 24 KB. Sources and contents lie within a sentence or two of their cue.
 */
const LONG_PARAGRAPH = 1000;
const WINDOW = 120;

/** Tokens [from, to) of a paragraph as a paragraph of their own (token offsets into the text kept). */
function window(p: Paragraph, from: number, to: number): Paragraph {
  return {
    start: p.tokens[from]?.start ?? p.start,
    end: p.tokens[to - 1]?.end ?? p.end,
    tokens: p.tokens.slice(from, to),
    sentence: p.sentence.slice(from, to),
    quoted: p.quoted.slice(from, to),
    pos: p.pos.slice(from, to),
    lemma: p.lemma.slice(from, to),
  };
}

/** Attributions in `text` (offsets into it). */
export function tagAttributions(
  text: string,
  model: AttributionModel | null = defaultModel(),
): SpanAttribution[] {
  if (!model) return [];
  const out: SpanAttribution[] = [];
  for (const p of paragraphsOf(text)) {
    const info = tokenInfo(p);
    const stat = staticHashes(p, info);
    const cueLabels = model.cue.decode(cueSequence(stat, model.cue.bits));
    const cues = runs(cueLabels, model.cue.labels, "CUE");
    if (cues.length === 0) continue;
    const cueMask = new Uint8Array(p.tokens.length);
    for (const [a, b] of cues) for (let i = a; i < b; i++) cueMask[i] = 1;
    const long = p.tokens.length > LONG_PARAGRAPH;
    for (const [cueStart, cueEnd] of cues) {
      // Short paragraphs (all real ones): the whole paragraph, from = 0.
      const from = long ? Math.max(0, cueStart - WINDOW) : 0;
      const to = long ? Math.min(p.tokens.length, cueEnd + WINDOW) : p.tokens.length;
      const q = long ? window(p, from, to) : p;
      const qInfo = long
        ? {
            w: info.w.slice(from, to),
            st: info.st.slice(from, to),
            sh: info.sh.slice(from, to),
            lex: info.lex.slice(from, to),
            sentStart: info.sentStart.slice(from, to),
          }
        : info;
      const qStat = long ? stat.slice(from, to) : stat;
      const cs = cueStart - from;
      const ce = cueEnd - from;
      const other = cueMask.slice(from, to);
      for (let i = cs; i < ce; i++) other[i] = 0;
      const seq = argSequence(q, qInfo, qStat, cs, ce, other, model.arg.bits);
      const fixed = new Int8Array(q.tokens.length).fill(-1);
      for (let i = cs; i < ce; i++) fixed[i] = 0;
      // Other cues are not part of this cue's source or content.
      for (let i = 0; i < other.length; i++) if (other[i]) fixed[i] = 0;
      const labels = model.arg.decode(seq, fixed);
      const span = ([a, b]: [number, number]): Span => [q.tokens[a]?.start ?? 0, q.tokens[b - 1]?.end ?? 0];
      out.push({
        source: runs(labels, model.arg.labels, "S").map(span),
        cue: [span([cs, ce])],
        content: runs(labels, model.arg.labels, "C").map(span),
      });
    }
  }
  return out;
}

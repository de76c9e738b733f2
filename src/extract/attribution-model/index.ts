/**
 * Learned attribution spans: who (source), the cue, and what (content), as character spans into a text.
 * Two linear-chain perceptrons (perceptron.ts) trained by scripts/train-attribution.ts on PolNeAR train:
 * a cue tagger over each paragraph, then for each cue an argument tagger that marks its source and content
 * among the tokens around it (its sentence, the one before and three after, at most 160 tokens either side:
 * a long text without sentence breaks stays linear, not quadratic, in its length). The trained weights ship in ./model.bin (a build artifact of that script, a few MB,
 * loaded once, no download); `hasModel()` is false when it is absent and callers fall back to rules.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Span } from "../../types.js";
import {
  argFeatures,
  argWindow,
  CONTEXTS,
  cueSequence,
  STATIC,
  staticHashes,
  type TokenInfo,
  tokenInfo,
} from "./features.js";
import { ChainModel, mix } from "./perceptron.js";
import { type Paragraph, paragraphsOf } from "./tokens.js";

export interface SpanAttribution {
  source: Span[];
  cue: Span[];
  content: Span[];
}

export interface AttributionModel {
  cue: ChainModel;
  arg: ChainModel;
  /**
   * Below this margin (cue tagger's best score less its best without the cue) a cue that another cue's
   * content would cover is dropped as a false find (see tagArguments); 0 turns that off.
   */
  doubt?: number;
}

export const CUE_LABELS = ["O", "B-CUE", "I-CUE"];
export const ARG_LABELS = ["O", "B-S", "I-S", "B-C", "I-C"];

const MAGIC = "WDAM2";
const MAGIC_V1 = "WDAM1";

export function packModel(m: AttributionModel): Buffer {
  const a = m.cue.save();
  const b = m.arg.save();
  const head = Buffer.alloc(MAGIC.length + 12);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(a.length, MAGIC.length);
  head.writeUInt32LE(b.length, MAGIC.length + 4);
  head.writeFloatLE(m.doubt ?? 0, MAGIC.length + 8);
  return Buffer.concat([head, a, b]);
}

export function unpackModel(data: Buffer): AttributionModel {
  const magic = data.subarray(0, MAGIC.length).toString("latin1");
  if (magic !== MAGIC && magic !== MAGIC_V1)
    throw new Error("not a Watchdesk attribution model (bad header)");
  const la = data.readUInt32LE(MAGIC.length);
  const lb = data.readUInt32LE(MAGIC.length + 4);
  const doubt = magic === MAGIC ? data.readFloatLE(MAGIC.length + 8) : 0;
  const at = MAGIC.length + (magic === MAGIC ? 12 : 8);
  return {
    cue: ChainModel.load(data.subarray(at, at + la)),
    arg: ChainModel.load(data.subarray(at + la, at + la + lb)),
    doubt,
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

/**
 * Spans of one label family as [first, last+1) token ranges: B-X I-X… (BIO), or B-X I-X… L-X and U-X (BILOU).
 */
function runs(labels: Uint8Array, names: string[], kind: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i <= labels.length; i++) {
    const name = i < labels.length ? (names[labels[i] ?? 0] ?? "O") : "O";
    if (open >= 0 && name !== `I-${kind}` && name !== `L-${kind}`) {
      out.push([open, i]);
      open = -1;
    }
    if (name === `B-${kind}` || name === `U-${kind}`) open = i;
    if ((name === `L-${kind}` || name === `U-${kind}`) && open >= 0) {
      out.push([open, i + 1]);
      open = -1;
    }
  }
  return out;
}

/** Cues that name the channel a nested attribution came through, as lower-case token sequences. */
const CHANNEL_CUES = new Set(["according to"]);

function isChannelCue(p: Paragraph, cs: number, ce: number): boolean {
  if (ce - cs > 3) return false;
  return CHANNEL_CUES.has(
    p.tokens
      .slice(cs, ce)
      .map((t) => t.lower)
      .join(" "),
  );
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
    const E = model.cue.emissions(cueSequence(stat, model.cue.bits));
    const cueLabels = model.cue.viterbi(E, info.n);
    const cues = runs(cueLabels, model.cue.labels, "CUE");
    if (cues.length === 0) continue;
    // How sure the cue tagger is of each cue: the best score less the best score without that cue.
    const best = model.cue.lastScore;
    const margins = cues.map(([a, b]) => {
      const fixed = new Int8Array(info.n).fill(-1);
      for (let i = a; i < b; i++) fixed[i] = 0;
      model.cue.viterbi(E, info.n, fixed);
      return best - model.cue.lastScore;
    });
    out.push(...tagArguments(p, info, stat, cues, model, margins));
  }
  return out;
}

/**
 * Source and content of each cue [start, end) (token indices) of a paragraph. A cue is never inside another
 * attribution's content, so a found cue that another cue's content would cover once it is no longer held out
 * of that content ("…said the deal, which critics called weak, would pass") is taken for a false find: it is
 * dropped and the other cue keeps the content that covers it.
 */
export function tagArguments(
  p: Paragraph,
  info: TokenInfo,
  stat: Uint32Array,
  cues: [number, number][],
  model: AttributionModel,
  margins?: number[],
): SpanAttribution[] {
  const L = model.arg.L;
  const argMask = (1 << model.arg.bits) - 1;
  const n = p.tokens.length;
  const alive = cues.map(() => true);
  // The static part of a token's argument scores depends only on its context (CONTEXTS): computed once per
  // token and context, shared by the paragraph's cues.
  const cache = new Float32Array(CONTEXTS.length * n * L);
  const done = new Uint8Array(CONTEXTS.length * n);
  const ids = new Int32Array(STATIC);

  /** Labels of the window [from, to) around cue k, with the live cues but `except` held out of it. */
  const decode = (k: number, except: number): { from: number; labels: Uint8Array } => {
    const [cs, ce] = cues[k] as [number, number];
    const [from, to] = argWindow(p, cs, ce);
    const other = new Uint8Array(n);
    cues.forEach(([a, b], j) => {
      if (j === k || j === except || !alive[j]) return;
      for (let i = a; i < b; i++) other[i] = 1;
    });
    const feats = argFeatures(p, info, cs, ce, from, to, other, model.arg.bits);
    const m = to - from;
    const E = model.arg.emissions(feats.seq);
    for (let j = 0; j < m; j++) {
      const c = feats.ctx[j] ?? 0;
      if (!c) continue;
      const i = from + j;
      const slot = c * n + i;
      if (!done[slot]) {
        const h = CONTEXTS[c] ?? 0;
        for (let s = 0; s < STATIC; s++) ids[s] = mix(h, stat[i * STATIC + s] ?? 0) & argMask;
        model.arg.addScores(ids, 0, STATIC, cache, slot * L);
        done[slot] = 1;
      }
      for (let y = 0; y < L; y++) E[j * L + y] = (E[j * L + y] ?? 0) + (cache[slot * L + y] ?? 0);
    }
    const fixed = new Int8Array(m).fill(-1);
    // The cue itself and other cues are not part of this cue's source or content.
    for (let j = 0; j < m; j++) if ((other[from + j] ?? 0) || (from + j >= cs && from + j < ce)) fixed[j] = 0;
    return { from, labels: model.arg.viterbi(E, m, fixed) };
  };

  const result = cues.map((_, k) => decode(k, -1));
  const isContent = (r: { from: number; labels: Uint8Array }, i: number): boolean =>
    (model.arg.labels[r.labels[i - r.from] ?? 0] ?? "O").endsWith("-C");
  const doubt = model.doubt ?? 0;
  const windows = cues.map(([a, b]) => argWindow(p, a, b));
  // Cues to look at again: all at first, then those whose window held a cue just dropped.
  let dirty = cues.map(() => !!margins && doubt > 0 && cues.length > 1);
  for (let round = 0; round < 3 && dirty.some(Boolean); round++) {
    const next = cues.map(() => false);
    for (let k = 0; k < cues.length; k++) {
      if (!alive[k] || !dirty[k]) continue;
      const [ks, ke] = cues[k] as [number, number];
      // "X denied …, according to state media": the channel's content holds a whole attribution of its own.
      if (isChannelCue(p, ks, ke)) continue;
      const [from, to] = windows[k] as [number, number];
      for (let j = 0; j < cues.length; j++) {
        const [js, je] = cues[j] as [number, number];
        if (j === k || !alive[j] || js < from || je > to) continue;
        // Only a cue the cue tagger was not sure of is a candidate for a false find.
        if ((margins?.[j] ?? 0) >= doubt) continue;
        const again = decode(k, j);
        let covered = true;
        for (let i = js; i < je && covered; i++) covered = isContent(again, i);
        if (!covered) continue;
        alive[j] = false;
        result[k] = again;
        windows.forEach(([a, b], x) => {
          if (x !== k && alive[x] && js >= a && je <= b) next[x] = true;
        });
      }
    }
    dirty = next;
  }

  const out: SpanAttribution[] = [];
  cues.forEach(([cs, ce], k) => {
    const r = result[k];
    if (!alive[k] || !r) return;
    const span = ([a, b]: [number, number]): Span => [
      p.tokens[r.from + a]?.start ?? 0,
      p.tokens[r.from + b - 1]?.end ?? 0,
    ];
    out.push({
      source: runs(r.labels, model.arg.labels, "S").map(span),
      cue: [span([cs - r.from, ce - r.from])],
      content: runs(r.labels, model.arg.labels, "C").map(span),
    });
  });
  return out;
}

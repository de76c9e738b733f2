/**
 * Learned attribution spans: who (source), the cue, and what (content), as character spans into a text.
 * Two linear-chain perceptrons (perceptron.ts) trained by scripts/train-attribution.ts on PolNeAR train:
 * a cue tagger over each paragraph, then for each cue an argument tagger that marks its source and content
 * among the tokens around it (its sentence, the one before and three after, at most 160 tokens either side:
 * a long text without sentence breaks stays linear, not quadratic, in its length). The trained weights ship in ./model.bin (a build artifact of that script, a few MB,
 * loaded once, no download); `hasModel()` is false when it is absent and callers fall back to rules.
 */
import { existsSync, readFileSync } from "node:fs";
import { assetPath } from "./assets.js";
import type { Span } from "../../types.js";
import {
  argFeatures,
  argWindow,
  CONTEXTS,
  cueSequence,
  ARG_STATIC,
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

/**
 * Verbs of going somewhere or going with someone: they report no speech or thought, yet the cue tagger, which
 * generalises from the shape of a clause ("He also accompanied X to …" looks like "He also told X …"), may
 * take them for cues. Of their 337 uses in PolNeAR train, 3 are part of a gold cue (lemmas).
 */
const NOT_CUES = new Set(["accompany", "tour", "arrive", "escort", "inspect", "attend", "travel", "visit"]);

/**
 * Whether a found cue can report speech or thought: not one of NOT_CUES alone (with adverbs, auxiliaries). A
 * cue of adverbs alone ("reportedly") is kept.
 */
function possibleCue(p: Paragraph, cs: number, ce: number): boolean {
  let notCue = false;
  for (let i = cs; i < ce; i++) {
    const pos = p.pos[i] ?? "X";
    if (pos === "ADV" || pos === "AUX" || pos === "PART") continue;
    if (!NOT_CUES.has(p.lemma[i] ?? p.tokens[i]?.lower ?? "")) return true;
    notCue = true;
  }
  return !notCue;
}

/** Where the shipped model is: beside this module, or (running from dist/) beside its source. */
export function modelPath(): string | null {
  const env = process.env.WATCHDESK_ATTRIBUTION_MODEL;
  if (env) return existsSync(env) ? env : null;
  return assetPath("model.bin");
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
    const cues = runs(cueLabels, model.cue.labels, "CUE").filter(([a, b]) => possibleCue(p, a, b));
    if (cues.length === 0) continue;
    // How sure the cue tagger is of a cue: the best score less the best score without that cue. Asked for
    // only where a cue may be a false find (tagArguments), so computed on demand, once.
    const best = model.cue.lastScore;
    const known = new Map<number, number>();
    const margin = (k: number): number => {
      let m = known.get(k);
      if (m === undefined) {
        const [a, b] = cues[k] as [number, number];
        const fixed = new Int8Array(info.n).fill(-1);
        for (let i = a; i < b; i++) fixed[i] = 0;
        model.cue.viterbi(E, info.n, fixed);
        m = best - model.cue.lastScore;
        known.set(k, m);
      }
      return m;
    };
    out.push(...tagArguments(p, info, stat, cues, model, margin));
  }
  return out;
}

/**
 * Source and content of each cue [start, end) (token indices) of a paragraph. A cue is never inside another
 * attribution's content, so a found cue that another cue's content would cover once it is no longer held out
 * of that content ("…said the deal, which critics called weak, would pass") is taken for a false find: it is
 * dropped and the other cue keeps the content that covers it. Two rules complete the tagger's content: a
 * trailing reporting clause left without one reports the sentence before its comma (trailingContent), and a
 * verbless "Also, …" fragment continues the sentence before it (continuedContent).
 */
export function tagArguments(
  p: Paragraph,
  info: TokenInfo,
  stat: Uint32Array,
  cues: [number, number][],
  model: AttributionModel,
  margin?: (k: number) => number,
): SpanAttribution[] {
  const L = model.arg.L;
  const argMask = (1 << model.arg.bits) - 1;
  const n = p.tokens.length;
  const alive = cues.map(() => true);
  // The static part of a token's argument scores depends only on its context (CONTEXTS): computed once per
  // token and context, shared by the paragraph's cues.
  const cache = new Float32Array(CONTEXTS.length * n * L);
  const done = new Uint8Array(CONTEXTS.length * n);
  const ids = new Int32Array(ARG_STATIC);

  const windows = cues.map(([a, b]) => argWindow(p, a, b));

  /** Labels of the window [from, to) around cue k, with the live cues but `except` held out of it. */
  const decode = (k: number, except: number): { from: number; labels: Uint8Array } => {
    const [cs, ce] = cues[k] as [number, number];
    const [from, to] = windows[k] as [number, number];
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
        for (let s = 0; s < ARG_STATIC; s++) ids[s] = mix(h, stat[i * STATIC + s] ?? 0) & argMask;
        model.arg.addScores(ids, 0, ARG_STATIC, cache, slot * L);
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
  // Cues to look at again: all at first, then those whose window held a cue just dropped.
  let dirty = cues.map(() => !!margin && doubt > 0 && cues.length > 1);
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
        if ((margin?.(j) ?? 0) >= doubt) continue;
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
  const live = cues.filter((_, k) => alive[k]);
  cues.forEach(([cs, ce], k) => {
    const r = result[k];
    if (!alive[k] || !r) return;
    const abs = ([a, b]: [number, number]): [number, number] => [r.from + a, r.from + b];
    let source = runs(r.labels, model.arg.labels, "S").map(abs);
    let content = runs(r.labels, model.arg.labels, "C").map(abs);
    if (content.length === 0) {
      const trailing = trailingContent(p, info, cs, ce, source);
      if (trailing) {
        content = [trailing];
        source = source.filter(([a]) => a >= trailing[1]);
      }
    }
    const [only] = content;
    if (content.length === 1 && only) {
      const wider = continuedContent(p, only, cs, live);
      if (wider) content = [wider];
    }
    const span = ([a, b]: [number, number]): Span => [p.tokens[a]?.start ?? 0, p.tokens[b - 1]?.end ?? 0];
    out.push({ source: source.map(span), cue: [span([cs, ce])], content: content.map(span) });
  });
  return out;
}

/** The token range [start, end) of the sentence of token i. */
function sentenceOf(p: Paragraph, i: number): [number, number] {
  const s = p.sentence[i] ?? 0;
  let a = i;
  while (a > 0 && p.sentence[a - 1] === s) a--;
  let b = i + 1;
  while (b < p.tokens.length && p.sentence[b] === s) b++;
  return [a, b];
}

const CLAUSE_BREAK = new Set([",", "—", "–"]);
const FINAL = new Set([".", "!", "?"]);

/**
 * The content of a trailing reporting clause the argument tagger gave a source but no content: "CONTENT,
 * SOURCE CUE (on Monday)." or "CONTENT, CUE SOURCE." closes a sentence, so what it reports is the sentence
 * before the comma. Only when nothing after the cue but its source is a verb or a quotation (then the cue
 * heads a clause of its own, not a trailing one) and the part before the comma is more than a word or two.
 * Source tokens the tagger put before the comma are dropped by the caller (they are the content's).
 */
function trailingContent(
  p: Paragraph,
  info: TokenInfo,
  cs: number,
  ce: number,
  source: [number, number][],
): [number, number] | null {
  const [a, b] = sentenceOf(p, cs);
  const inSource = (i: number) => source.some(([x, y]) => i >= x && i < y);
  let j = cs - 1;
  while (j >= a && inSource(j)) j--;
  // Adverbs between the source and the cue ("Clinton allies also believe").
  while (j >= a && p.pos[j] === "ADV") j--;
  while (j >= a && inSource(j)) j--;
  if (j <= a || !CLAUSE_BREAK.has(p.tokens[j]?.text ?? "")) return null;
  for (let i = ce; i < b; i++) {
    if (inSource(i)) continue;
    const t = p.tokens[i]?.text ?? "";
    if (FINAL.has(t) && i === b - 1) continue;
    if (info.verb[i] || p.quoted[i]) return null;
  }
  let s = a;
  let e = j;
  while (s < e && !isWordy(p, s) && !p.quoted[s]) s++;
  while (e > s && !isWordy(p, e - 1) && !p.quoted[e - 1]) e--;
  return e - s >= 3 ? [s, e] : null;
}

const isWordy = (p: Paragraph, i: number): boolean => /[\p{L}\p{N}]/u.test(p.tokens[i]?.text ?? "");

/** Words that open a sentence adding to the one before ("Also, …", "In addition, …"). */
const ADDITIVE = [
  ["also"],
  ["in", "addition"],
  ["additionally"],
  ["plus"],
  ["besides"],
  ["moreover"],
  ["furthermore"],
];

/**
 * "The minister toured the shipyard. Also, the plan of selling frigates abroad, the ministry said." A content
 * that opens its sentence with an additive connective and has no finite verb is a fragment continuing the
 * sentence before; when that sentence is not itself attributed (no cue, no quotation), the source said both,
 * so the content runs from that sentence's start.
 */
function continuedContent(
  p: Paragraph,
  [s, e]: [number, number],
  cs: number,
  cues: [number, number][],
): [number, number] | null {
  const [a] = sentenceOf(p, s);
  if (s !== a || a === 0 || e > cs) return null;
  const opener = ADDITIVE.find((w) => w.every((x, k) => p.tokens[s + k]?.lower === x));
  if (!opener) return null;
  for (let i = s + opener.length; i < e; i++) {
    if (p.quoted[i] || p.pos[i] === "AUX") return null;
    // A gerund or an infinitive is not a finite verb ("the plan of selling frigates").
    const t = p.tokens[i]?.lower ?? "";
    if (p.pos[i] === "VERB" && !t.endsWith("ing") && p.tokens[i - 1]?.lower !== "to") return null;
  }
  const [ps, pe] = sentenceOf(p, a - 1);
  for (let i = ps; i < pe; i++) if (p.quoted[i]) return null;
  if (cues.some(([x, y]) => x < pe && y > ps)) return null;
  return [ps, e];
}

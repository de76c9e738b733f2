/**
 * Learned attribution spans: who (source), the cue, and what (content), as character spans into a text.
 * Two linear-chain perceptrons (perceptron.ts) trained by scripts/train-attribution.ts on PolNeAR train:
 * a cue tagger over each paragraph, then for each cue an argument tagger that marks its source and content
 * among the tokens around it (its sentence, the one before and three after, at most 160 tokens either side:
 * a long text without sentence breaks stays linear, not quadratic, in its length). Two rankers
 * (content-ends.ts) then place again where each content starts and ends, weighing whole candidate spans.
 * The trained weights ship in ./model.bin (a build artifact of that script, a few MB, loaded once, no
 * download); `hasModel()` is false when it is absent and callers fall back to rules.
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
import {
  contentEndScores,
  contentStartScores,
  EndRanker,
  type EndInstance,
  endInstance,
  passes,
  startInstance,
} from "./content-ends.js";
import { ChainModel, mix } from "./perceptron.js";
import { apostrophePair, type Paragraph, paragraphsOf } from "./tokens.js";

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
  /** Re-place the end and the start of each content (content-ends.ts); absent in older model files. */
  ends?: EndRanker;
  starts?: EndRanker;
}

export const CUE_LABELS = ["O", "B-CUE", "I-CUE"];
export const ARG_LABELS = ["O", "B-S", "I-S", "B-C", "I-C"];

const MAGIC = "WDAM3";
const MAGIC_V2 = "WDAM2";
const MAGIC_V1 = "WDAM1";

export function packModel(m: AttributionModel): Buffer {
  const a = m.cue.save();
  const b = m.arg.save();
  const c = m.ends ? m.ends.save() : Buffer.alloc(0);
  const d = m.starts ? m.starts.save() : Buffer.alloc(0);
  const head = Buffer.alloc(MAGIC.length + 20);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(a.length, MAGIC.length);
  head.writeUInt32LE(b.length, MAGIC.length + 4);
  head.writeFloatLE(m.doubt ?? 0, MAGIC.length + 8);
  head.writeUInt32LE(c.length, MAGIC.length + 12);
  head.writeUInt32LE(d.length, MAGIC.length + 16);
  return Buffer.concat([head, a, b, c, d]);
}

export function unpackModel(data: Buffer): AttributionModel {
  const magic = data.subarray(0, MAGIC.length).toString("latin1");
  if (magic !== MAGIC && magic !== MAGIC_V2 && magic !== MAGIC_V1)
    throw new Error(
      /^WDAM\d$/.test(magic)
        ? `attribution model format ${magic} is newer than this build reads (${MAGIC}): rebuild (npm run build) or use the model file that came with it`
        : "not a Watchdesk attribution model (bad header)",
    );
  const la = data.readUInt32LE(MAGIC.length);
  const lb = data.readUInt32LE(MAGIC.length + 4);
  const doubt = magic === MAGIC_V1 ? 0 : data.readFloatLE(MAGIC.length + 8);
  const lc = magic === MAGIC ? data.readUInt32LE(MAGIC.length + 12) : 0;
  const ld = magic === MAGIC ? data.readUInt32LE(MAGIC.length + 16) : 0;
  const at = MAGIC.length + (magic === MAGIC ? 20 : magic === MAGIC_V2 ? 12 : 8);
  const model: AttributionModel = {
    cue: ChainModel.load(data.subarray(at, at + la)),
    arg: ChainModel.load(data.subarray(at + la, at + la + lb)),
    doubt,
  };
  if (lc > 0) model.ends = EndRanker.load(data.subarray(at + la + lb, at + la + lb + lc));
  const atD = at + la + lb + lc;
  if (ld > 0) model.starts = EndRanker.load(data.subarray(atD, atD + ld), true);
  return model;
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
    try {
      loaded = path ? unpackModel(readFileSync(path)) : null;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(
        `${path}: ${why} (set WATCHDESK_ATTRIBUTION_MODEL to a good model file, or unset it for the shipped one)`,
      );
    }
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
  const paragraphs = paragraphsOf(text);
  // Per paragraph: where its attributions start in `out`, and whether a cue of it lies outside quotation marks.
  const firstOf: number[] = [];
  const cueOutside: boolean[] = [];
  for (const p of paragraphs) {
    firstOf.push(out.length);
    cueOutside.push(false);
    const info = tokenInfo(p);
    const stat = staticHashes(p, info);
    const E = model.cue.emissions(cueSequence(stat, model.cue.bits));
    const cueLabels = model.cue.viterbi(E, info.n);
    const cues = runs(cueLabels, model.cue.labels, "CUE").filter(([a, b]) => possibleCue(p, a, b));
    if (cues.length === 0) continue;
    const unclosed = p.tokens.filter((t) => t.text === '"').length % 2 === 1 && p.tokens[0]?.text === '"';
    cueOutside[cueOutside.length - 1] = !unclosed && cues.some(([a]) => !p.quoted[a]);
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
  for (let k = 0; k + 1 < paragraphs.length; k++) {
    const block = blockQuote(paragraphs, k, cueOutside);
    if (!block) continue;
    const p = paragraphs[k] as Paragraph;
    // The paragraph's last attribution, when it has no content and its cue is in the paragraph's last sentence.
    const last = out.slice(firstOf[k], firstOf[k + 1] ?? out.length).at(-1);
    if (!last || last.content.length > 0) continue;
    const lastSentence = p.sentence[p.tokens.length - 1] ?? 0;
    const cueAt = p.tokens.findIndex((t) => t.start >= (last.cue[0]?.[0] ?? 0));
    if (cueAt < 0 || (p.sentence[cueAt] ?? 0) !== lastSentence) continue;
    last.content = [block];
  }
  return out;
}

/**
 * "Cruz continued:" closing a paragraph, and the next paragraph a quotation: the quoted block is what the
 * paragraph's last cue reports (the argument tagger looks within one paragraph, so it leaves such a cue without
 * content). The block runs on over paragraphs while a quotation left open at a paragraph's end is reopened at
 * the next one's start (the convention for quotations of several paragraphs). None when the next paragraph has
 * a cue of its own outside quotation marks.
 */
function blockQuote(paragraphs: Paragraph[], k: number, cueOutside: boolean[]): Span | null {
  const p = paragraphs[k] as Paragraph;
  if (p.tokens.at(-1)?.text !== ":") return null;
  const next = paragraphs[k + 1] as Paragraph;
  const opens = (q: Paragraph) => OPENING_MARKS.has(q.tokens[0]?.text ?? "");
  if (!opens(next) || cueOutside[k + 1]) return null;
  let end = k + 1;
  // Closed when the paragraph's last mark (ignoring final punctuation) is a closing quotation mark.
  const closes = (q: Paragraph) => {
    for (let i = q.tokens.length - 1; i >= 0 && i >= q.tokens.length - 3; i--)
      if (QUOTE_TOKENS.has(q.tokens[i]?.text ?? "")) return i > 0;
    return false;
  };
  // A quotation left open runs on into a paragraph that reopens it; a closed one is continued by a paragraph
  // that is wholly a quotation with no cue of its own ("“…,” he said." would have one).
  while (end + 1 < paragraphs.length) {
    const after = paragraphs[end + 1] as Paragraph;
    if (!opens(after) || cueOutside[end + 1]) break;
    if (closes(paragraphs[end] as Paragraph) && !(after.quoted.every((q) => q === 1) && closes(after))) break;
    end++;
  }
  const lastPara = paragraphs[end] as Paragraph;
  return [next.tokens[0]?.start ?? next.start, lastPara.tokens.at(-1)?.end ?? lastPara.end];
}

const OPENING_MARKS = new Set(["“", '"', "«", "‘"]);
const QUOTE_TOKENS = new Set(["”", '"', "»", "’", "“"]);

/**
 * Source and content of each cue [start, end) (token indices) of a paragraph. A cue is never inside another
 * attribution's content, so a found cue that another cue's content would cover once it is no longer held out
 * of that content ("…said the deal, which critics called weak, would pass") is taken for a false find: it is
 * dropped and the other cue keeps the content that covers it. The content rankers, when the model has them,
 * move the start of its first run and the end of its last. Three rules complete the tagger's content: a run
 * that resumes a quotation after its cue starts at the reopening mark (quoteResumes), a trailing reporting
 * clause left without one reports the sentence before its comma (trailingContent), and a verbless "Also, …"
 * fragment continues the sentence before it (continuedContent).
 */
export function tagArguments(
  p: Paragraph,
  info: TokenInfo,
  stat: Uint32Array,
  cues: [number, number][],
  model: AttributionModel,
  margin?: (k: number) => number,
  /**
   * Training the rankers: each content's first run (`start`) and last run as the tagger left them, before a
   * ranker moves them.
   */
  collect?: (x: EndInstance, k: number, start: boolean) => void,
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
  const decode = (
    k: number,
    except: number,
  ): { from: number; labels: Uint8Array; E: Float32Array; fixed: Int8Array } => {
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
    return { from, labels: model.arg.viterbi(E, m, fixed), E, fixed };
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
  const found: FoundArguments[] = [];
  cues.forEach(([cs, ce], k) => {
    const r = result[k];
    if (!alive[k] || !r) return;
    const abs = ([a, b]: [number, number]): [number, number] => [r.from + a, r.from + b];
    let source = runs(r.labels, model.arg.labels, "S").map(abs);
    let content = runs(r.labels, model.arg.labels, "C").map(abs);
    const [from, to] = windows[k] as [number, number];
    const firstRun = content[0];
    // One forward and one backward pass serve both rankers.
    const fb =
      firstRun && (collect || model.starts || model.ends)
        ? passes(model.arg, r.E, to - from, r.fixed)
        : undefined;
    // The rankers move an edge over content and unlabelled tokens only: never over a cue, nor over this cue's
    // own source.
    const stop = fb
      ? Int8Array.from(r.fixed, (f, j) =>
          f >= 0 || (model.arg.labels[r.labels[j] ?? 0] ?? "O").endsWith("-S") ? 0 : -1,
        )
      : r.fixed;
    if (firstRun && (collect || model.starts)) {
      const scores = contentStartScores(model.arg, r.E, to - from, r.fixed, fb);
      const x = startInstance(firstRun[0], firstRun[1], cs, ce, from, stop, scores);
      collect?.(x, k, true);
      if (model.starts) {
        const pick = x.ends[model.starts.pick(p, info, x)];
        if (pick !== undefined) content[0] = [pick, firstRun[1]];
      }
    }
    const lastRun = content[content.length - 1];
    if (lastRun && (collect || model.ends)) {
      const scores = contentEndScores(model.arg, r.E, to - from, r.fixed, fb);
      const x = endInstance(lastRun[0], lastRun[1], cs, ce, from, to, stop, scores);
      collect?.(x, k, false);
      if (model.ends) {
        const pick = x.ends[model.ends.pick(p, info, x)];
        if (pick !== undefined) content[content.length - 1] = [lastRun[0], pick];
      }
    }
    if (content.length === 0) {
      const trailing = trailingContent(p, info, cs, ce, source);
      if (trailing) {
        content = [trailing];
        source = source.filter(([a]) => a >= trailing[1]);
      }
    }
    // "said in a statement carried by state news agency KCNA": what qualifies the cue's statement is no content.
    if (content.length > 1) content = content.filter((run) => !publishedBy(p, run, ce));
    const quoted = content[0] ? quoteMarkAt(p, content[0][0]) > 0 : false;
    content = content.map((run, j) => (j > 0 ? quoteResumes(p, run, quoted) : run));
    const [only] = content;
    if (content.length === 1 && only) {
      const wider = continuedContent(p, only, cs, live);
      if (wider) content = [wider];
    }
    found.push({ cs, ce, source, content });
  });
  shareNoContent(p, info, found);
  const span = ([a, b]: [number, number]): Span => [p.tokens[a]?.start ?? 0, p.tokens[b - 1]?.end ?? 0];
  for (const f of found)
    out.push({ source: f.source.map(span), cue: [span([f.cs, f.ce])], content: f.content.map(span) });
  return out;
}

interface FoundArguments {
  cs: number;
  ce: number;
  source: [number, number][];
  content: [number, number][];
}

/**
 * "The missile flew 1,100 km, Defence Minister Gen Nakatani told reporters. “We have lodged a protest,” he
 * said.": the tagger may give the same quotation to two cues. It is the content of the cue in its own
 * sentence ("he said"); the other cue, in an earlier sentence, reports the sentence before its comma
 * (trailingContent) or, failing that, keeps no content.
 */
function shareNoContent(p: Paragraph, info: TokenInfo, found: FoundArguments[]): void {
  const keys = found.map((f) => f.content.map(([x, y]) => `${x}:${y}`).join(","));
  /** Whether f's content starts or ends in the sentence of f's cue. */
  const ownSentence = (f: FoundArguments) =>
    f.content.some(([x, y]) => p.sentence[x] === p.sentence[f.cs] || p.sentence[y - 1] === p.sentence[f.cs]);
  found.forEach((a, i) => {
    if (a.content.length === 0 || ownSentence(a)) return;
    const twin = found.some(
      (b, j) => j !== i && keys[j] === keys[i] && p.sentence[b.cs] !== p.sentence[a.cs] && ownSentence(b),
    );
    if (!twin) return;
    const trailing = trailingContent(p, info, a.cs, a.ce, a.source);
    a.content = trailing ? [trailing] : [];
  });
}

/** Verbs of putting a statement out, as participles after the cue's noun ("a statement carried by KCNA"). */
const PUBLISHING = new Set([
  "carry",
  "publish",
  "release",
  "issue",
  "post",
  "broadcast",
  "air",
  "distribute",
  "run",
]);

/**
 * Whether a content run is the participle phrase right after the cue that says where its statement came out
 * ("said in a statement | carried by state news agency KCNA", "told an interview | published on Sunday").
 */
function publishedBy(p: Paragraph, run: [number, number], cueEnd: number): boolean {
  if (run[0] !== cueEnd) return false;
  const next = p.tokens[run[0] + 1]?.lower ?? "";
  return (
    PUBLISHING.has(p.lemma[run[0]] ?? "") &&
    /(?:ed|en|un|ast)$/.test(p.tokens[run[0]]?.lower ?? "") &&
    ["by", "on", "in", "late", "earlier", "last", "this"].includes(next)
  );
}

/** Punctuation that closes the words before it and opens nothing: never the first token of a content. */
const CLOSING_PUNCT = new Set([",", ".", ";", ":", ")", "]", "—", "–"]);

/** Tokens of the quotation mark at token i ('' is two tokens); 0 when there is none. */
function quoteMarkAt(p: Paragraph, i: number): number {
  const t = p.tokens[i];
  if (!t) return 0;
  if (t.text === '"' || t.text === "“" || t.text === "”") return 1;
  return apostrophePair(p.tokens, i) ? 2 : 0;
}

/**
 * A content resumed after its cue ("“It's nonsense,” he said. “She lies …”") starts at the quotation mark
 * that reopens it. The argument tagger sometimes starts that run a token or two early, on the comma or the
 * closing mark left over from the words before ('' ''Putin can't …, , ''it's …, " "And …): those tokens are
 * dropped when a quotation mark follows them. A run that does not lead to a quotation is left as it is.
 */
function quoteResumes(p: Paragraph, run: [number, number], quoted: boolean): [number, number] {
  let i = run[0];
  for (;;) {
    if (i >= run[1]) return run;
    const t = p.tokens[i];
    if (t && CLOSING_PUNCT.has(t.text)) {
      i++;
      continue;
    }
    const q = quoteMarkAt(p, i);
    if (q === 0) return quoted ? afterTitle(p, i, run) : run;
    // A mark followed, after a space, by another mark closes the words before: the second one opens.
    const next = p.tokens[i + q];
    const last = p.tokens[i + q - 1];
    if (next && last && next.start > last.end && quoteMarkAt(p, i + q) > 0) {
      i += q;
      continue;
    }
    // «"New Day." "No money …»: a short quoted name in capitals, closed, then the quotation reopens.
    const title = quoted ? afterTitle(p, i + q, run) : run;
    if (title !== run && capitalised(p, i + q, title[0] - 2)) return title;
    return [i, run[1]];
  }
}

/** Whether every word token in [a, b) starts with a capital letter (a name, a title). */
function capitalised(p: Paragraph, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let j = a; j < b; j++) {
    const w = p.tokens[j]?.text ?? "";
    if (/^\p{L}/u.test(w) && !/^\p{Lu}/u.test(w)) return false;
  }
  return true;
}

/** How many tokens into a resumed run the words of the cue's clause may go on ("on “New Day.” “No …"). */
const TITLE_REACH = 8;

/**
 * A quotation resumed after a clause that itself ends in a closed quotation (the show or paper it was said
 * on: «s ''Meet the Press.'' ''She lies …», «on "New Day." "No money …»): the content starts at the mark that
 * opens after the closed one, when that comes within TITLE_REACH tokens. Only when the content's first run is
 * a quotation too.
 */
function afterTitle(p: Paragraph, i: number, run: [number, number]): [number, number] {
  const stop = Math.min(run[1], i + TITLE_REACH);
  for (let j = i + 1; j < stop; j++) {
    if (!FINAL.has(p.tokens[j]?.text ?? "")) continue;
    const close = quoteMarkAt(p, j + 1);
    if (close === 0) continue;
    const last = p.tokens[j + close];
    const open = quoteMarkAt(p, j + 1 + close);
    const next = p.tokens[j + 1 + close];
    if (open > 0 && next && last && next.start > last.end) return [j + 1 + close, run[1]];
  }
  return run;
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
    // "…, the ministry said on Wednesday, citing satellite imagery": what the cue cites, after its comma,
    // tells how it knows; the content is still the sentence before. (Any participle here, "adding …" too,
    // costs PolNeAR dev content exact F1 0.04 points: annotators read those differently.)
    if (t === "," && /^(?:citing|quoting|referring)$/u.test(p.tokens[i + 1]?.text ?? "")) break;
    if (info.verb[i] || p.quoted[i]) return null;
  }
  let s = a;
  let e = j;
  // A dateline in parentheses opening the sentence ("(SEOUL) North Korea shipped …") is not said.
  if (p.tokens[s]?.text === "(") {
    let k = s + 1;
    while (k < e && k < s + 5 && /^\p{Lu}[\p{Lu}.-]*$/u.test(p.tokens[k]?.text ?? "")) k++;
    if (k > s + 1 && p.tokens[k]?.text === ")") s = k + 1;
  }
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

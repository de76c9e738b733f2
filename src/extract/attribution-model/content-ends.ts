/**
 * Where a content ends, chosen again once the argument tagger has spoken. The tagger is a first-order chain:
 * it decides, token by token, whether the content goes on, and cannot weigh a whole candidate span ("the
 * content ends at this comma: is what it holds then a clause, are its quotation marks balanced, does the
 * sentence go on with a new verb for the speaker?"). This ranker looks at every place the content's last run
 * could end, near the tagger's choice, and scores each with features of the whole span plus how much the tagger
 * would lose by ending there (its max-marginal score, from one forward and one backward pass). Trained by
 * scripts/train-attribution.ts on spans tagged by models that did not train on them; hand-written for the same
 * reason as perceptron.ts.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { TokenInfo } from "./features.js";
import type { ChainModel } from "./perceptron.js";
import { hashString, mix } from "./perceptron.js";
import type { Paragraph } from "./tokens.js";

/** Whether label y is open to token t under the fixed labels (-1: free). */
function allowedAt(fixed: Int8Array, t: number, y: number): boolean {
  const f = fixed[t] ?? -1;
  return f < 0 || f === y;
}

/** How far (tokens) from the tagger's end the ranker looks, either way. */
const REACH = 40;

/**
 * For each j in [0, m]: the best score of a label sequence in which a content run ends right before j (label j-1
 * is B-C or I-C and label j, if any, is not I-C), under the same fixed labels as the tagger's decoding.
 * -Infinity where no such sequence exists.
 */
export function contentEndScores(
  model: ChainModel,
  E: Float32Array,
  m: number,
  fixed: Int8Array,
  fb: Passes = passes(model, E, m, fixed),
): Float64Array {
  const L = model.L;
  const NEG = -1e30;
  const lab = model.labels;
  const { alpha, beta } = fb;
  const contentLabels = lab.map((l) => l === "B-C" || l === "I-C");
  const out = new Float64Array(m + 1).fill(Number.NEGATIVE_INFINITY);
  for (let j = 1; j <= m; j++) {
    let best = NEG;
    for (let y = 0; y < L; y++) {
      if (!contentLabels[y]) continue;
      const a = alpha[(j - 1) * L + y] ?? NEG;
      if (a <= NEG / 2) continue;
      if (j === m) {
        if (model.endOk[y]) best = Math.max(best, a);
        continue;
      }
      for (let z = 0; z < L; z++) {
        if (lab[z] === "I-C") continue;
        const idx = (y + 1) * L + z;
        if (!model.allowed[idx] || !allowedAt(fixed, j, z)) continue;
        const s =
          a + (model.T[idx] ?? 0) + (E[j * L + z] ?? 0) + (model.bias[z] ?? 0) + (beta[j * L + z] ?? NEG);
        if (s > best) best = s;
      }
    }
    if (best > NEG / 2) out[j] = best;
  }
  return out;
}

/**
 * For each j in [0, m): the best score of a label sequence in which a content run starts at j (label B-C),
 * under the fixed labels. From the same forward and backward passes as contentEndScores.
 */
export function contentStartScores(
  model: ChainModel,
  E: Float32Array,
  m: number,
  fixed: Int8Array,
  fb: Passes = passes(model, E, m, fixed),
): Float64Array {
  const { alpha, beta } = fb;
  const L = model.L;
  const b = model.labels.indexOf("B-C");
  const out = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  for (let j = 0; j < m; j++) {
    const s = (alpha[j * L + b] ?? -1e30) + (beta[j * L + b] ?? -1e30);
    if (s > -1e29) out[j] = s;
  }
  return out;
}

export interface Passes {
  alpha: Float64Array;
  beta: Float64Array;
}

/** Forward (alpha: best prefix score, token t's emission included) and backward (beta) max-scores. */
export function passes(model: ChainModel, E: Float32Array, m: number, fixed: Int8Array): Passes {
  const L = model.L;
  const NEG = -1e30;
  const alpha = new Float64Array(m * L).fill(NEG);
  const beta = new Float64Array(m * L).fill(NEG);
  for (let t = 0; t < m; t++)
    for (let y = 0; y < L; y++) {
      if (!allowedAt(fixed, t, y)) continue;
      let best = NEG;
      if (t === 0) best = model.allowed[y] ? (model.T[y] ?? 0) : NEG;
      else
        for (let p = 0; p < L; p++) {
          const idx = (p + 1) * L + y;
          if (!model.allowed[idx]) continue;
          const s = (alpha[(t - 1) * L + p] ?? NEG) + (model.T[idx] ?? 0);
          if (s > best) best = s;
        }
      alpha[t * L + y] = best + (E[t * L + y] ?? 0) + (model.bias[y] ?? 0);
    }
  for (let t = m - 1; t >= 0; t--)
    for (let y = 0; y < L; y++) {
      if (!allowedAt(fixed, t, y)) continue;
      if (t === m - 1) {
        beta[t * L + y] = model.endOk[y] ? 0 : NEG;
        continue;
      }
      let best = NEG;
      for (let z = 0; z < L; z++) {
        const idx = (y + 1) * L + z;
        if (!model.allowed[idx] || !allowedAt(fixed, t + 1, z)) continue;
        const s =
          (model.T[idx] ?? 0) +
          (E[(t + 1) * L + z] ?? 0) +
          (model.bias[z] ?? 0) +
          (beta[(t + 1) * L + z] ?? NEG);
        if (s > best) best = s;
      }
      beta[t * L + y] = best;
    }
  return { alpha, beta };
}

/** One content run to place the end (or start) of: paragraph token indices. */
export interface EndInstance {
  /** The run's first token and the tagger's end (exclusive). */
  start: number;
  end: number;
  /** The cue's tokens [cs, ce). */
  cs: number;
  ce: number;
  /** Candidate ends (exclusive) and, for each, the tagger's score loss for ending there (≥ 0). */
  ends: number[];
  loss: number[];
}

/**
 * The candidates at `positions` (window-relative scores at p - from) with a finite score, and each one's loss
 * against the tagger's own choice `own`.
 */
function candidates(
  positions: number[],
  own: number,
  from: number,
  scores: Float64Array,
): { ends: number[]; loss: number[] } {
  const best = scores[own - from] ?? 0;
  const ends: number[] = [];
  const loss: number[] = [];
  for (const e of positions) {
    const s = scores[e - from] ?? Number.NEGATIVE_INFINITY;
    if (!Number.isFinite(s)) continue;
    ends.push(e);
    loss.push(Math.max(0, best - s));
  }
  return { ends, loss };
}

/** Candidate ends of the run [start, end) of the window [from, to): within REACH, never over a fixed token. */
export function endInstance(
  start: number,
  end: number,
  cs: number,
  ce: number,
  from: number,
  to: number,
  fixed: Int8Array,
  scores: Float64Array,
): EndInstance {
  const at: number[] = [];
  for (let e = Math.max(start + 1, end - REACH); e <= end; e++) at.push(e);
  for (let e = end + 1; e <= Math.min(to, end + REACH) && (fixed[e - 1 - from] ?? -1) < 0; e++) at.push(e);
  return { start, end, cs, ce, ...candidates(at, end, from, scores) };
}

/**
 * Candidate starts of the run [start, end) (its first token): within REACH, never over a fixed token, before
 * its end. `ends` then holds starts, and `end` is unused in the features.
 */
export function startInstance(
  start: number,
  end: number,
  cs: number,
  ce: number,
  from: number,
  fixed: Int8Array,
  scores: Float64Array,
): EndInstance {
  let first = start;
  while (first - 1 >= Math.max(from, start - REACH) && (fixed[first - 1 - from] ?? -1) < 0) first--;
  const at: number[] = [];
  for (let b = first; b < Math.max(start + 1, Math.min(end, start + REACH)); b++) at.push(b);
  return { start, end, cs, ce, ...candidates(at, start, from, scores) };
}

/** Word, tag and class hashes of token i, with fixed values past the paragraph's edges. */
const wAt = (info: TokenInfo, i: number) => (i < 0 ? 11 : i >= info.n ? 12 : (info.w[i] ?? 0));
const posAt = (info: TokenInfo, i: number) => (i < 0 ? 11 : i >= info.n ? 12 : (info.pos[i] ?? 0));
const clsAt = (info: TokenInfo, i: number) => (i < 0 || i >= info.n ? 0 : (info.cls[i] ?? 0));

// Feature hashes of a template id and one to four values (written out: the rankers score every candidate).
const h1 = (t: number, a: number) => mix(t, a);
const h2 = (t: number, a: number, b: number) => mix(mix(t, a), b);
const h3 = (t: number, a: number, b: number, c: number) => mix(mix(mix(t, a), b), c);
const h4 = (t: number, a: number, b: number, c: number, d: number) => mix(mix(mix(mix(t, a), b), c), d);

/** Running counts of verbs, quotation marks and breaks of a paragraph: counts up to (not with) token i. */
interface Counts {
  verb: Int32Array;
  mark: Int32Array;
  brk: Int32Array;
}
const countsOf = new WeakMap<TokenInfo, Counts>();
function counts(info: TokenInfo): Counts {
  let c = countsOf.get(info);
  if (!c) {
    const n = info.n;
    c = { verb: new Int32Array(n + 1), mark: new Int32Array(n + 1), brk: new Int32Array(n + 1) };
    for (let i = 0; i < n; i++) {
      c.verb[i + 1] = (c.verb[i] ?? 0) + (info.verb[i] ?? 0);
      c.mark[i + 1] = (c.mark[i] ?? 0) + (info.mark[i] ?? 0);
      c.brk[i + 1] = (c.brk[i] ?? 0) + (info.brk[i] ?? 0);
    }
    countsOf.set(info, c);
  }
  return c;
}

/** Hash of the instance's cue lemmas from `seed`, once per instance. */
const cueHashes = new WeakMap<EndInstance, number>();
function cueHash(x: EndInstance, info: TokenInfo, seed: number): number {
  let c = cueHashes.get(x);
  if (c === undefined) {
    c = seed;
    for (let i = x.cs; i < x.ce; i++) c = mix(c, info.lem[i] ?? 0);
    cueHashes.set(x, c);
  }
  return c;
}

const G = Array.from({ length: 24 }, (_, i) => hashString(`start${i}`));

/** Feature hashes of starting the instance's run at candidate k (see startInstance). */
export function startFeatures(p: Paragraph, info: TokenInfo, x: EndInstance, k: number): number[] {
  const b = x.ends[k] as number;
  const e = x.end;
  const after = b >= x.ce ? 1 : 0;
  const lb = lossBucket(x.loss[k] ?? 0);
  const dir = b === x.start ? 0 : b < x.start ? 1 : 2;
  const sentStart = info.sentStart[b] ?? 0;
  const c = counts(info);
  const to = Math.max(b + 1, e);
  const verbs = (c.verb[to] ?? 0) - (c.verb[b] ?? 0);
  const marks = (c.mark[to] ?? 0) - (c.mark[b] ?? 0);
  const commas = (c.brk[to] ?? 0) - (c.brk[b] ?? 0);
  // Tokens between the cue and the start (content after the cue) or the start and the cue (before it).
  const gap = after ? b - x.ce : x.cs - e;
  const gb = gap <= 0 ? 0 : gap === 1 ? 1 : gap <= 3 ? 2 : gap <= 6 ? 3 : 4;
  const q = p.quoted[b] ?? 0;
  const qPrev = b > 0 ? (p.quoted[b - 1] ?? 0) : 0;
  const opener = info.that[b] ? 1 : info.mark[b] ? 2 : info.nom[b] ? 3 : info.verb[b] ? 4 : 5;
  const cue = cueHash(x, info, 0x99);
  const f = G as number[];
  return [
    h1(f[0] ?? 0, lb),
    h2(f[1] ?? 0, lb, dir),
    h3(f[2] ?? 0, lb, sentStart, dir),
    h2(f[3] ?? 0, wAt(info, b), dir),
    h2(f[4] ?? 0, wAt(info, b - 1), dir),
    h2(f[5] ?? 0, posAt(info, b - 1), posAt(info, b)),
    h3(f[6] ?? 0, clsAt(info, b - 2), clsAt(info, b - 1), clsAt(info, b)),
    h3(f[7] ?? 0, cue, posAt(info, b), after),
    h4(f[8] ?? 0, after, clsAt(info, b), q, qPrev),
    h3(f[9] ?? 0, opener, gb, after),
    h3(f[10] ?? 0, opener, Math.min(verbs, 3), after),
    h3(f[11] ?? 0, Math.min(commas, 3), posAt(info, b), after),
    h3(f[12] ?? 0, marks % 2, clsAt(info, b), clsAt(info, b - 1)),
    h3(f[13] ?? 0, sentStart, gb, after),
    h2(f[14] ?? 0, lenBucket(e - b), opener),
    h2(f[15] ?? 0, wAt(info, b - 1), wAt(info, b)),
    h3(f[16] ?? 0, cue, opener, gb),
    h3(f[17] ?? 0, lb, opener, after),
    h2(f[18] ?? 0, posAt(info, b), lb),
    h3(f[19] ?? 0, lb, clsAt(info, b), clsAt(info, b - 1)),
    h3(f[20] ?? 0, info.wn[b] ?? 0, posAt(info, b), opener),
    h3(f[21] ?? 0, Math.min(verbs, 3), posAt(info, b), posAt(info, b - 1)),
  ];
}

const F = Array.from({ length: 24 }, (_, i) => hashString(`end${i}`));

function lossBucket(x: number): number {
  if (x === 0) return 0;
  if (x < 2) return 1;
  if (x < 5) return 2;
  if (x < 10) return 3;
  if (x < 20) return 4;
  if (x < 40) return 5;
  if (x < 80) return 6;
  return 7;
}

const lenBucket = (n: number) => (n <= 2 ? n : n <= 4 ? 3 : n <= 8 ? 4 : n <= 16 ? 5 : n <= 32 ? 6 : 7);

/** Feature hashes of ending the instance's run at `e` (candidate k). */
export function endFeatures(p: Paragraph, info: TokenInfo, x: EndInstance, k: number): number[] {
  const e = x.ends[k] as number;
  const s = x.start;
  const n = p.tokens.length;
  const after = x.start >= x.ce ? 1 : 0;
  const lb = lossBucket(x.loss[k] ?? 0);
  const dir = e === x.end ? 0 : e < x.end ? 1 : 2;
  const sentEnd = e >= n || info.sentStart[e] ? 1 : 0;
  const c = counts(info);
  const verbs = (c.verb[e] ?? 0) - (c.verb[s] ?? 0);
  const marks = (c.mark[e] ?? 0) - (c.mark[s] ?? 0);
  const commas = (c.brk[e] ?? 0) - (c.brk[s] ?? 0);
  // Sentences the span crosses into; the quotation state at its end.
  const sents = (p.sentence[e - 1] ?? 0) - (p.sentence[s] ?? 0);
  const qEnd = p.quoted[e - 1] ?? 0;
  const qNext = e < n ? (p.quoted[e] ?? 0) : 0;
  const opener = after ? (info.that[s] ? 1 : info.mark[s] ? 2 : info.nom[s] ? 3 : 4) : 5;
  const cue = cueHash(x, info, 0x77);
  const f = F as number[];
  return [
    h1(f[0] ?? 0, lb),
    h2(f[1] ?? 0, lb, dir),
    h3(f[2] ?? 0, lb, sentEnd, dir),
    h2(f[3] ?? 0, wAt(info, e), dir),
    h2(f[4] ?? 0, wAt(info, e - 1), dir),
    h2(f[5] ?? 0, posAt(info, e - 1), posAt(info, e)),
    h3(f[6] ?? 0, clsAt(info, e - 1), clsAt(info, e), clsAt(info, e + 1)),
    h2(f[7] ?? 0, cue, posAt(info, e)),
    h4(f[8] ?? 0, after, clsAt(info, e), qEnd, qNext),
    h3(f[9] ?? 0, opener, posAt(info, e), sentEnd),
    h3(f[10] ?? 0, opener, Math.min(verbs, 3), clsAt(info, e)),
    h3(f[11] ?? 0, Math.min(commas, 3), posAt(info, e), after),
    h3(f[12] ?? 0, marks % 2, clsAt(info, e), clsAt(info, e - 1)),
    h3(f[13] ?? 0, Math.min(sents, 3), sentEnd, after),
    h2(f[14] ?? 0, lenBucket(e - s), opener),
    h3(f[15] ?? 0, wAt(info, e), posAt(info, e + 1), opener),
    h3(f[22] ?? 0, lb, clsAt(info, e), clsAt(info, e - 1)),
    h3(f[16] ?? 0, cue, clsAt(info, e), sentEnd),
    h3(f[17] ?? 0, lb, opener, after),
    h2(f[18] ?? 0, posAt(info, e), lb),
    h2(f[19] ?? 0, wAt(info, e - 1), wAt(info, e)),
    h3(f[20] ?? 0, info.wn[e] ?? 0, posAt(info, e), opener),
    h3(f[21] ?? 0, Math.min(verbs, 3), posAt(info, e), posAt(info, e + 1)),
  ];
}

/** An averaged perceptron ranker over the candidates of an EndInstance. */
export class EndRanker {
  static readonly BITS = 18;
  W: Float32Array = new Float32Array(1 << EndRanker.BITS);
  private U: Float32Array | null = null;
  private c = 1;
  /** Places the end of a run (endFeatures), or with `starts` its start (startFeatures). */
  readonly features: typeof endFeatures;
  readonly starts: boolean;

  constructor(starts = false) {
    this.starts = starts;
    this.features = starts ? startFeatures : endFeatures;
  }

  private score(feats: number[]): number {
    const mask = (1 << EndRanker.BITS) - 1;
    let s = 0;
    for (const f of feats) s += this.W[f & mask] ?? 0;
    return s;
  }

  /** Index of the best candidate. */
  pick(p: Paragraph, info: TokenInfo, x: EndInstance): number {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < x.ends.length; k++) {
      const s = this.score(this.features(p, info, x, k));
      const own = x.ends[k] === (this.starts ? x.start : x.end);
      if (s > bestScore || (s === bestScore && own)) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }

  /** One ranking step: `gold` is the index of the right candidate. Returns true when the pick was wrong. */
  update(p: Paragraph, info: TokenInfo, x: EndInstance, gold: number): boolean {
    if (!this.U) this.U = new Float32Array(this.W.length);
    const k = this.pick(p, info, x);
    const mask = (1 << EndRanker.BITS) - 1;
    if (k !== gold) {
      for (const f of this.features(p, info, x, gold)) {
        this.W[f & mask] = (this.W[f & mask] ?? 0) + 1;
        this.U[f & mask] = (this.U[f & mask] ?? 0) + this.c;
      }
      for (const f of this.features(p, info, x, k)) {
        this.W[f & mask] = (this.W[f & mask] ?? 0) - 1;
        this.U[f & mask] = (this.U[f & mask] ?? 0) - this.c;
      }
    }
    this.c++;
    return k !== gold;
  }

  average(): void {
    if (!this.U) return;
    for (let i = 0; i < this.W.length; i++) this.W[i] = (this.W[i] ?? 0) - (this.U[i] ?? 0) / this.c;
    this.U = null;
  }

  save(): Buffer {
    return gzipSync(Buffer.from(new Float32Array(this.W).buffer), { level: 9 });
  }

  static load(data: Buffer, starts = false): EndRanker {
    const r = new EndRanker(starts);
    const raw = gunzipSync(data);
    r.W = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    return r;
  }
}

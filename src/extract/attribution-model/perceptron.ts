/**
 * A linear-chain averaged perceptron (Collins 2002) over hashed features, decoded with Viterbi under a mask of
 * allowed label transitions (BIO: an I- label only after its B- or I-). Hand-written because the npm taggers
 * either ship a fixed English model for a different task or need a runtime download; this one trains in
 * seconds on CPU and stores as a small quantised weight table (see save/load).
 *
 * An instance is a sequence of tokens; each token has a list of feature ids (already hashed to [0, H)).
 */
import { gunzipSync, gzipSync } from "node:zlib";

export interface Sequence {
  /** Feature ids of all tokens, concatenated. */
  feats: Int32Array;
  /** Token t's features are feats[offs[t]..offs[t+1]). */
  offs: Int32Array;
  /** Gold labels (training only). */
  gold?: Uint8Array;
}

export class ChainModel {
  readonly labels: string[];
  readonly bits: number;
  readonly L: number;
  readonly H: number;
  /**
   * W[f * L + y], times wScale: float while training; a loaded model keeps the int8 weights it was saved with
   * (a quarter of the memory, so the lookups of decoding stay in cache more often).
   */
  W: Float32Array | Int8Array;
  wScale = 1;
  /** Transition weights T[(prev + 1) * L + y]; prev = -1 is the start. */
  T: Float32Array;
  /** allowed[(prev + 1) * L + y]. */
  readonly allowed: Uint8Array;
  /** Added to every token's score for each label at decoding (tunes the precision/recall balance). */
  bias: Float32Array;
  // Averaging accumulators (training only).
  private U: Float32Array | null = null;
  private UT: Float32Array | null = null;
  private c = 1;

  constructor(labels: string[], bits: number) {
    this.labels = labels;
    this.bits = bits;
    this.L = labels.length;
    this.H = 1 << bits;
    this.W = new Float32Array(this.H * this.L);
    this.T = new Float32Array((this.L + 1) * this.L);
    this.allowed = new Uint8Array((this.L + 1) * this.L);
    this.bias = new Float32Array(this.L);
    // BIO, or BILOU when the labels have L- ones: a span opened by B-X continues with I-X and (BILOU) must
    // close with L-X; I- and L- labels never start one; U-X is a span of one token.
    const bilou = labels.some((l) => l.startsWith("L-"));
    this.endOk = new Uint8Array(this.L).fill(1);
    for (let p = -1; p < this.L; p++)
      for (let y = 0; y < this.L; y++) {
        const ly = labels[y] ?? "O";
        const lp = p < 0 ? "O" : (labels[p] ?? "O");
        const open = lp.startsWith("B-") || lp.startsWith("I-");
        const cont = ly.startsWith("I-") || ly.startsWith("L-");
        let ok: boolean;
        if (cont) ok = open && lp.slice(2) === ly.slice(2);
        else ok = !(bilou && open);
        this.allowed[(p + 1) * this.L + y] = ok ? 1 : 0;
      }
    if (bilou)
      for (let y = 0; y < this.L; y++) {
        const l = labels[y] ?? "O";
        this.endOk[y] = l.startsWith("B-") || l.startsWith("I-") ? 0 : 1;
      }
  }

  /** The score of the best sequence found by the last viterbi() call. */
  lastScore = 0;

  /** Labels a sequence may end with (BILOU: not inside an open span). */
  readonly endOk: Uint8Array;

  /** Emission scores: E[t * L + y]. */
  emissions(seq: Sequence): Float32Array {
    const n = seq.offs.length - 1;
    const E = new Float32Array(n * this.L);
    this.addEmissions(seq, E);
    return E;
  }

  /** Add the emission scores of `seq` into E[t * L + y]. */
  addEmissions(seq: Sequence, E: Float32Array): void {
    const n = seq.offs.length - 1;
    for (let t = 0; t < n; t++)
      this.addScores(seq.feats, seq.offs[t] ?? 0, seq.offs[t + 1] ?? 0, E, t * this.L);
  }

  private readonly acc = new Float64Array(8);

  /** Add the scores of the features ids[from..to) (already masked) into out[at..at+L). */
  addScores(ids: ArrayLike<number>, from: number, to: number, out: Float32Array, at: number): void {
    const L = this.L;
    const W = this.W;
    const acc = this.acc;
    acc.fill(0);
    for (let k = from; k < to; k++) {
      const base = (ids[k] ?? 0) * L;
      for (let y = 0; y < L; y++) acc[y] = (acc[y] ?? 0) + (W[base + y] ?? 0);
    }
    const sc = this.wScale;
    for (let y = 0; y < L; y++) out[at + y] = (out[at + y] ?? 0) + (acc[y] ?? 0) * sc;
  }

  /** Best label sequence. `fixed[t] >= 0` forces token t's label. */
  decode(seq: Sequence, fixed?: Int8Array): Uint8Array {
    return this.viterbi(this.emissions(seq), seq.offs.length - 1, fixed);
  }

  /** Best label sequence for n tokens with emission scores E[t * L + y] (the decoding bias is added here). */
  viterbi(E: Float32Array, n: number, fixed?: Int8Array): Uint8Array {
    const L = this.L;
    const out = new Uint8Array(n);
    if (n === 0) return out;
    const score = new Float64Array(n * L);
    const back = new Int16Array(n * L);
    const NEG = -1e30;
    for (let t = 0; t < n; t++) {
      const f = fixed ? (fixed[t] ?? -1) : -1;
      for (let y = 0; y < L; y++) {
        if (f >= 0 && y !== f) {
          score[t * L + y] = NEG;
          continue;
        }
        let best = NEG;
        let arg = 0;
        if (t === 0) {
          best = this.allowed[y] ? (this.T[y] ?? 0) : NEG;
        } else {
          for (let p = 0; p < L; p++) {
            const idx = (p + 1) * L + y;
            if (!this.allowed[idx]) continue;
            const s = (score[(t - 1) * L + p] ?? NEG) + (this.T[idx] ?? 0);
            if (s > best) {
              best = s;
              arg = p;
            }
          }
        }
        score[t * L + y] = best + (E[t * L + y] ?? 0) + (this.bias[y] ?? 0);
        back[t * L + y] = arg;
      }
    }
    let y = 0;
    let best = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < L; k++)
      if (this.endOk[k] && (score[(n - 1) * L + k] ?? NEG) > best) {
        best = score[(n - 1) * L + k] ?? NEG;
        y = k;
      }
    this.lastScore = best;
    for (let t = n - 1; t >= 0; t--) {
      out[t] = y;
      y = back[t * L + y] ?? 0;
    }
    return out;
  }

  /** One perceptron step on a gold sequence; returns true when the prediction was wrong. */
  update(seq: Sequence, fixed?: Int8Array): boolean {
    const gold = seq.gold;
    if (!gold) throw new Error("update needs gold labels");
    if (!(this.W instanceof Float32Array)) throw new Error("a loaded model cannot be trained further");
    if (!this.U) {
      this.U = new Float32Array(this.W.length);
      this.UT = new Float32Array(this.T.length);
    }
    const pred = this.decode(seq, fixed);
    let wrong = false;
    const L = this.L;
    const c = this.c;
    const U = this.U;
    const W = this.W as Float32Array;
    const UT = this.UT as Float32Array;
    for (let t = 0; t < pred.length; t++) {
      const g = gold[t] ?? 0;
      const p = pred[t] ?? 0;
      const gp = t === 0 ? -1 : (gold[t - 1] ?? 0);
      const pp = t === 0 ? -1 : (pred[t - 1] ?? 0);
      if (g !== p) {
        wrong = true;
        const a = seq.offs[t] ?? 0;
        const b = seq.offs[t + 1] ?? 0;
        for (let k = a; k < b; k++) {
          const base = (seq.feats[k] ?? 0) * L;
          W[base + g] = (W[base + g] ?? 0) + 1;
          U[base + g] = (U[base + g] ?? 0) + c;
          W[base + p] = (W[base + p] ?? 0) - 1;
          U[base + p] = (U[base + p] ?? 0) - c;
        }
      }
      if (g !== p || gp !== pp) {
        const gi = (gp + 1) * L + g;
        const pi = (pp + 1) * L + p;
        this.T[gi] = (this.T[gi] ?? 0) + 1;
        UT[gi] = (UT[gi] ?? 0) + c;
        this.T[pi] = (this.T[pi] ?? 0) - 1;
        UT[pi] = (UT[pi] ?? 0) - c;
      }
    }
    this.c++;
    return wrong;
  }

  /** Add `k` times another model's weights (same labels and size) to this one's (training only). */
  addScaled(other: ChainModel, k: number): void {
    const W = this.W as Float32Array;
    for (let i = 0; i < W.length; i++) W[i] = (W[i] ?? 0) + k * (other.W[i] ?? 0);
    for (let i = 0; i < this.T.length; i++) this.T[i] = (this.T[i] ?? 0) + k * (other.T[i] ?? 0);
  }

  /** Replace the weights by their average over all steps (call once, after training). */
  average(): void {
    if (!this.U || !this.UT) return;
    const c = this.c;
    for (let i = 0; i < this.W.length; i++) this.W[i] = (this.W[i] ?? 0) - (this.U[i] ?? 0) / c;
    for (let i = 0; i < this.T.length; i++) this.T[i] = (this.T[i] ?? 0) - (this.UT[i] ?? 0) / c;
    this.U = null;
    this.UT = null;
  }

  /**
   * Compact form: labels, bits, the transition table as float32, and the emission weights quantised to int8
   * with one scale (weights within half a step of zero become zero), gzip-compressed.
   */
  save(): Buffer {
    let q: Int8Array;
    let scale = this.wScale;
    if (this.W instanceof Int8Array) q = this.W;
    else {
      let max = 0;
      for (const w of this.W) max = Math.max(max, Math.abs(w));
      scale = max / 127 || 1;
      q = new Int8Array(this.W.length);
      for (let i = 0; i < this.W.length; i++) q[i] = Math.round((this.W[i] ?? 0) / scale);
    }
    const header = Buffer.from(
      JSON.stringify({ labels: this.labels, bits: this.bits, scale, bias: [...this.bias] }),
      "utf8",
    );
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const t = Buffer.from(new Float32Array(this.T).buffer);
    return gzipSync(Buffer.concat([len, header, t, Buffer.from(q.buffer)]), { level: 9 });
  }

  static load(data: Buffer): ChainModel {
    const raw = gunzipSync(data);
    const hl = raw.readUInt32LE(0);
    const header = JSON.parse(raw.subarray(4, 4 + hl).toString("utf8")) as {
      labels: string[];
      bits: number;
      scale: number;
      bias?: number[];
    };
    const m = new ChainModel(header.labels, header.bits);
    if (header.bias) m.bias.set(header.bias);
    let at = 4 + hl;
    const tBytes = m.T.length * 4;
    m.T.set(new Float32Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + tBytes)));
    at += tBytes;
    m.W = new Int8Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + m.H * m.L));
    m.wScale = header.scale;
    return m;
  }
}

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Combine two 32-bit hashes. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

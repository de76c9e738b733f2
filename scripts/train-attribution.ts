/**
 * Train the attribution taggers (src/extract/attribution-model) on PolNeAR train and write the model file.
 *
 *   node --import tsx scripts/train-attribution.ts [--shared DIR] [--epochs N] [--out FILE] [--eval]
 *
 * Articles of train for which eval/attribution-data.ts isHeldOut() is true are never trained on: the
 * attribution eval scores them as a generalisation check beside dev. Dev is not used for training either.
 * `--eval` scores the held-out part (and `--dev` also dev) right after training.
 * Deterministic: the same data and options give the same model. The corpus text is read from ../shared at
 * training time only; the model file holds hashed feature weights, no text.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type GoldDocument, isHeldOut, readSplit } from "../eval/attribution-data.js";
import { scoreAttributions } from "../eval/attribution-metric.js";
import {
  argSequence,
  cueSequence,
  staticHashes,
  tokenInfo,
} from "../src/extract/attribution-model/features.js";
import {
  ARG_LABELS,
  type AttributionModel,
  CUE_LABELS,
  packModel,
  tagAttributions,
  unpackModel,
} from "../src/extract/attribution-model/index.js";
import { ChainModel, type Sequence } from "../src/extract/attribution-model/perceptron.js";
import { type Paragraph, paragraphsOf } from "../src/extract/attribution-model/tokens.js";
import type { Span } from "../src/types.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const shared = resolve(opt("shared", resolve(root, "../shared")));
const epochs = Number(opt("epochs", "8"));
const out = resolve(opt("out", resolve(root, "src/extract/attribution-model/model.bin")));
const CUE_BITS = Number(opt("cue-bits", "19"));
const ARG_BITS = Number(opt("arg-bits", "20"));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function shuffle<T>(a: T[], r: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
}

/** Token indices of `p` that overlap any of the spans. */
function tokensIn(p: Paragraph, spans: Span[]): number[] {
  const out: number[] = [];
  p.tokens.forEach((t, i) => {
    if (spans.some(([s, e]) => t.start < e && t.end > s)) out.push(i);
  });
  return out;
}

interface ArgInstance {
  seq: Sequence;
  fixed: Int8Array;
}

function build(docs: GoldDocument[]): { cue: Sequence[]; arg: ArgInstance[] } {
  const cue: Sequence[] = [];
  const arg: ArgInstance[] = [];
  for (const d of docs) {
    for (const p of paragraphsOf(d.text)) {
      const info = tokenInfo(p);
      const stat = staticHashes(p, info);
      const n = p.tokens.length;
      const mine = d.attributions
        .map((a) => ({ a, cueTok: tokensIn(p, a.cue) }))
        .filter((x) => x.cueTok.length > 0);
      const cueLab = new Uint8Array(n);
      const owner = new Int32Array(n).fill(-1);
      mine.forEach((x, k) => {
        for (const i of x.cueTok) {
          cueLab[i] = i > 0 && owner[i - 1] === k ? 2 : 1;
          owner[i] = k;
        }
      });
      const cs = cueSequence(stat, CUE_BITS);
      cue.push({ ...cs, gold: cueLab });
      for (const [k, x] of mine.entries()) {
        const first = x.cueTok[0] ?? 0;
        const last = (x.cueTok[x.cueTok.length - 1] ?? 0) + 1;
        const other = new Uint8Array(n);
        for (let i = 0; i < n; i++) if ((owner[i] ?? -1) >= 0 && owner[i] !== k) other[i] = 1;
        const kind = new Uint8Array(n); // 0 O, 1 S, 2 C
        for (const i of tokensIn(p, x.a.source)) kind[i] = 1;
        for (const i of tokensIn(p, x.a.content)) kind[i] = 2;
        const fixed = new Int8Array(n).fill(-1);
        for (let i = first; i < last; i++) {
          fixed[i] = 0;
          kind[i] = 0;
        }
        for (let i = 0; i < n; i++)
          if (other[i]) {
            fixed[i] = 0;
            kind[i] = 0;
          }
        const gold = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const kd = kind[i] ?? 0;
          if (kd === 0) continue;
          const cont = i > 0 && kind[i - 1] === kd;
          gold[i] = kd === 1 ? (cont ? 2 : 1) : cont ? 4 : 3;
        }
        const seq = argSequence(p, info, stat, first, last, other, ARG_BITS);
        arg.push({ seq: { ...seq, gold }, fixed });
      }
    }
  }
  return { cue, arg };
}

function score(model: AttributionModel, docs: GoldDocument[]) {
  return scoreAttributions(
    docs.map((d) => ({ text: d.text, gold: d.attributions, predicted: tagAttributions(d.text, model) })),
  );
}

const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const dir = resolve(shared, "data/attribution/polnear");
const all = readSplit(dir, "train");
const train = all.filter((d) => !isHeldOut(d.doc));
const held = all.filter((d) => isHeldOut(d.doc));
log(`train ${train.length} articles (held out ${held.length})`);
const data = build(train);
log(`${data.cue.length} paragraphs, ${data.arg.length} attributions`);

const model: AttributionModel = {
  cue: new ChainModel(CUE_LABELS, CUE_BITS),
  arg: new ChainModel(ARG_LABELS, ARG_BITS),
};
const r = rng(7);
for (let e = 0; e < epochs; e++) {
  shuffle(data.cue, r);
  let wrong = 0;
  for (const s of data.cue) if (model.cue.update(s)) wrong++;
  shuffle(data.arg, r);
  let wrongA = 0;
  for (const x of data.arg) if (model.arg.update(x.seq, x.fixed)) wrongA++;
  log(`epoch ${e + 1}: cue errors ${wrong}/${data.cue.length}, argument errors ${wrongA}/${data.arg.length}`);
}
model.cue.average();
model.arg.average();
// The decoding bias of the cue labels: chosen on the held-out part (never on dev) for the best cue F1.
if (held.length > 0) {
  let best = { f: -1, b: 0 };
  for (const b of [0, 1, 2, 3, 4, 6, 8, 12]) {
    model.cue.bias.set([0, b, 0]);
    const f = score(model, held).cue.exact.f;
    log(`cue bias ${b}: held-out cue exact F1 ${(100 * f).toFixed(1)}`);
    if (f > best.f) best = { f, b };
  }
  model.cue.bias.set([0, best.b, 0]);
}
const packed = packModel(model);
writeFileSync(out, packed);
log(`wrote ${out} (${(packed.length / 1e6).toFixed(2)} MB)`);

if (args.includes("--eval")) {
  const pct = (v: number) => (100 * v).toFixed(1);
  const shipped = unpackModel(packed);
  const sets: [string, GoldDocument[], AttributionModel][] = [
    ["held-out (float weights)", held, model],
    ["held-out", held, shipped],
  ];
  if (args.includes("--dev")) sets.push(["dev", readSplit(dir, "dev"), shipped]);
  for (const [name, docs, m] of sets) {
    const s = score(m, docs);
    log(
      `${name}: exact F1 source ${pct(s.source.exact.f)} cue ${pct(s.cue.exact.f)} content ${pct(s.content.exact.f)} · partial ${pct(s.source.partial.f)} ${pct(s.cue.partial.f)} ${pct(s.content.partial.f)} · attribution ${pct(s.attribution.f)} (P ${pct(s.cue.exact.p)} R ${pct(s.cue.exact.r)} cue)`,
    );
  }
}

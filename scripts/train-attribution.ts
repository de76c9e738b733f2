/**
 * Train the attribution taggers (src/extract/attribution-model) on PolNeAR train and write the model file.
 *
 *   node --import tsx scripts/train-attribution.ts [--shared DIR] [--epochs N] [--out FILE] [--eval] [--dev]
 *     [--experiment] [--cue-bias B] [--doubt D] [--seeds N] [--limit FRACTION] [--all-annotators] [--folds N]
 *     [--fold-seeds N]
 *   node --import tsx scripts/train-attribution.ts --ends-only --model FILE [--folds N] [--ends-docs fit|train]
 *     [--fold-cache DIR] [--end-rounds R] [--no-starts] [--out FILE] [--eval]
 *   node --import tsx scripts/train-attribution.ts --cue-only --model FILE --cue-bias B [--seeds N] [--out FILE] [--eval] [--dev]
 *     [--experiment]
 *
 * Articles of train for which eval/attribution-data.ts isHeldOut() is true are never trained on nor used for
 * any choice: the attribution eval scores them as a generalisation check beside dev. Dev is not used either.
 * The decoding settings are chosen on the tuning tenth of train (isTuning) by a first model trained without it;
 * the shipped model then trains on all of train but the held-out part. `--experiment` stops after the first
 * model (written to --out) and reports it on the tuning part: the loop for trying features. `--eval` scores
 * the held-out part (and `--dev` also dev) right after training.
 * The content start and end rankers (content-ends.ts) are trained by jackknife (`--folds`, default 4): each
 * fold's argument tagger trains on the other folds and tags that fold, so the rankers learn from a tagger's
 * mistakes on text it never saw. `--ends-only` adds them to an existing model file (`--model`) without
 * retraining its taggers: over `fit` (the loop for trying ranker features; scored on the tuning tenth and the
 * held-out part) or, with `--ends-docs train`, over all of train but the held-out part.
 * The shipped model.bin: `--all-annotators --seeds 5` (about 20 CPU minutes, plus 12 for the rankers' four folds of three runs each; decoding
 * chosen: cue bias 48, doubt 120, again after the word-cluster cue features; the last model.bin was trained with
 * `--all-annotators --seeds 5 --cue-bias 48 --doubt 120`, about 17 minutes on this machine). `--cue-only --model FILE`
 * retrains only the cue tagger of a model file, keeping its argument tagger and rankers (which never see the cue
 * tagger's output in training): a faster loop for cue features. Deterministic: the same data and options give the same model. The corpus text is read from ../shared at
 * training time only; the model file holds hashed feature weights, no text.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type GoldDocument, isHeldOut, isTuning, parseAnn, readSplit } from "../eval/attribution-data.js";
import { scoreAttributions } from "../eval/attribution-metric.js";
import {
  argFeatures,
  argWindow,
  cueSequence,
  staticHashes,
  tokenInfo,
  withStatic,
} from "../src/extract/attribution-model/features.js";
import {
  ARG_LABELS,
  type AttributionModel,
  CUE_LABELS,
  packModel,
  tagArguments,
  tagAttributions,
  unpackModel,
} from "../src/extract/attribution-model/index.js";
import { type EndInstance, EndRanker } from "../src/extract/attribution-model/content-ends.js";
import { ChainModel, type Sequence } from "../src/extract/attribution-model/perceptron.js";
import { type Paragraph, paragraphsOf } from "../src/extract/attribution-model/tokens.js";
import type { Span } from "../src/types.js";
import { optionOf, rng } from "./script-args.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const opt = optionOf(args);
const shared = resolve(opt("shared", resolve(root, "../shared")));
const epochs = Number(opt("epochs", "8"));
const runs = Number(opt("seeds", "3"));
/** Shuffled runs averaged for each jackknife fold's argument tagger (--fold-seeds). */
const foldRuns = Number(opt("fold-seeds", "3"));
const out = resolve(opt("out", resolve(root, "src/extract/attribution-model/model.bin")));
const CUE_BITS = Number(opt("cue-bits", "21"));
const ARG_BITS = Number(opt("arg-bits", "21"));

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

const bilou = ARG_LABELS.some((l) => l.startsWith("L-"));

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
        const [from, to] = argWindow(p, first, last);
        const m = to - from;
        const kind = new Uint8Array(m); // 0 O, 1 S, 2 C
        for (const i of tokensIn(p, x.a.source)) if (i >= from && i < to) kind[i - from] = 1;
        for (const i of tokensIn(p, x.a.content)) if (i >= from && i < to) kind[i - from] = 2;
        const fixed = new Int8Array(m).fill(-1);
        for (let j = 0; j < m; j++)
          if (other[from + j] || (from + j >= first && from + j < last)) {
            fixed[j] = 0;
            kind[j] = 0;
          }
        const gold = new Uint8Array(m);
        for (let j = 0; j < m; j++) {
          const kd = kind[j] ?? 0;
          if (kd === 0) continue;
          const x = kd === 1 ? "S" : "C";
          const starts = j === 0 || kind[j - 1] !== kd;
          const ends = j === m - 1 || kind[j + 1] !== kd;
          const name = !bilou
            ? `${starts ? "B" : "I"}-${x}`
            : starts && ends
              ? `U-${x}`
              : starts
                ? `B-${x}`
                : ends
                  ? `L-${x}`
                  : `I-${x}`;
          gold[j] = ARG_LABELS.indexOf(name);
        }
        const feats = argFeatures(p, info, first, last, from, to, other, ARG_BITS);
        const seq = withStatic(feats, stat, from, ARG_BITS);
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
const pct = (v: number) => (100 * v).toFixed(1);
const dir = resolve(shared, "data/attribution/polnear");
const limit = Number(opt("limit", "1"));
const all = readSplit(dir, "train").filter((_, i) => limit >= 1 || i % Math.round(1 / limit) === 0);
const train = all.filter((d) => !isHeldOut(d.doc));
const held = all.filter((d) => isHeldOut(d.doc));
const fit = train.filter((d) => !isTuning(d.doc));
const tune = train.filter((d) => isTuning(d.doc));
log(`train ${train.length} articles (tuning ${tune.length} of them; held out ${held.length})`);

/**
 * The training documents plus, for the articles several annotators labelled, each other annotator's reading
 * as one more document (`--all-annotators`; the eval scores one annotator, the lexicographically smallest).
 */
function withOtherAnnotators(docs: GoldDocument[]): GoldDocument[] {
  if (!args.includes("--all-annotators")) return docs;
  const annDir = join(dir, "train", "attributions");
  const files = readdirSync(annDir)
    .filter((f) => f.endsWith(".ann"))
    .sort();
  const extra: GoldDocument[] = [];
  for (const d of docs) {
    const mine = files.filter(
      (f) => f.startsWith(`${d.doc}_`) && /^_[0-9a-f]{4}\.ann$/.test(f.slice(d.doc.length)),
    );
    for (const f of mine.slice(1))
      extra.push({ doc: d.doc, text: d.text, attributions: parseAnn(readFileSync(join(annDir, f), "utf8")) });
  }
  log(`other annotators: ${extra.length} more readings`);
  return [...docs, ...extra];
}

function trainModel(docs: GoldDocument[], argOnly = false, seeds = runs, cueOnly = false): AttributionModel {
  const data = build(withOtherAnnotators(docs));
  if (argOnly) data.cue = [];
  if (cueOnly) data.arg = [];
  log(`${docs.length} articles: ${data.cue.length} paragraphs, ${data.arg.length} attributions`);
  const model: AttributionModel = {
    cue: new ChainModel(CUE_LABELS, CUE_BITS),
    arg: new ChainModel(ARG_LABELS, ARG_BITS),
  };
  // Several runs over differently shuffled data, their averaged weights averaged again: less dependent on
  // the order of the examples than one run.
  for (let k = 0; k < seeds; k++) {
    const one: AttributionModel = {
      cue: new ChainModel(CUE_LABELS, CUE_BITS),
      arg: new ChainModel(ARG_LABELS, ARG_BITS),
    };
    const r = rng(7 + 1000 * k);
    for (let e = 0; e < epochs; e++) {
      shuffle(data.cue, r);
      let wrong = 0;
      for (const s of data.cue) if (one.cue.update(s)) wrong++;
      shuffle(data.arg, r);
      let wrongA = 0;
      for (const x of data.arg) if (one.arg.update(x.seq, x.fixed)) wrongA++;
      log(
        `run ${k + 1} epoch ${e + 1}: cue errors ${wrong}/${data.cue.length}, argument errors ${wrongA}/${data.arg.length}`,
      );
    }
    one.cue.average();
    one.arg.average();
    model.cue.addScaled(one.cue, 1 / seeds);
    model.arg.addScaled(one.arg, 1 / seeds);
  }
  return model;
}

/** The argument tagger alone: source and content of the gold cues (exact matches, as fractions). */
function oracle(m: AttributionModel, docs: GoldDocument[]): { source: number; content: number } {
  const scored = docs.map((d) => {
    const predicted: ReturnType<typeof tagArguments> = [];
    const gold: GoldDocument["attributions"] = [];
    for (const p of paragraphsOf(d.text)) {
      const info = tokenInfo(p);
      const stat = staticHashes(p, info);
      const mine = d.attributions.filter((a) => tokensIn(p, a.cue).length > 0);
      const cues = mine.map((a) => {
        const t = tokensIn(p, a.cue);
        return [t[0] ?? 0, (t[t.length - 1] ?? 0) + 1] as [number, number];
      });
      if (cues.length === 0) continue;
      gold.push(...mine);
      predicted.push(...tagArguments(p, info, stat, cues, m));
    }
    return { text: d.text, gold, predicted };
  });
  const s = scoreAttributions(scored);
  return { source: s.source.exact.f, content: s.content.exact.f };
}

function report(name: string, m: AttributionModel, docs: GoldDocument[]): void {
  const o = oracle(m, docs);
  log(`${name}, arguments of the gold cues: exact F1 source ${pct(o.source)} content ${pct(o.content)}`);
  const s = score(m, docs);
  log(
    `${name}: exact F1 source ${pct(s.source.exact.f)} cue ${pct(s.cue.exact.f)} content ${pct(s.content.exact.f)} · partial ${pct(s.source.partial.f)} ${pct(s.cue.partial.f)} ${pct(s.content.partial.f)} · attribution ${pct(s.attribution.f)} (P ${pct(s.cue.exact.p)} R ${pct(s.cue.exact.r)} cue)`,
  );
}

/**
 * The decoding settings: the bias of the cue labels (the precision/recall balance of cue finding) and the
 * margin below which a cue inside another cue's content is dropped (AttributionModel.doubt), chosen for the
 * best mean exact F1 of source, cue and content on the tuning part of train by a model that did not train on
 * it. Neither the held-out part nor dev is used for any choice.
 */
function chooseDecoding(): { bias: number; doubt: number } {
  const fixedBias = opt("cue-bias", "");
  const fixedDoubt = opt("doubt", "");
  if (fixedBias && fixedDoubt && !args.includes("--experiment"))
    return { bias: Number(fixedBias), doubt: Number(fixedDoubt) };
  const m = trainModel(fit);
  report("tuning (bias 0, no doubt)", m, tune);
  let best = { f: -1, bias: 0, doubt: 0 };
  const biases = fixedBias ? [Number(fixedBias)] : [0, 8, 16, 24, 32, 40, 48, 64];
  const doubts = fixedDoubt ? [Number(fixedDoubt)] : [0, 30, 50, 70, 90, 120];
  for (const bias of biases)
    for (const doubt of doubts) {
      m.cue.bias.set([0, bias, 0]);
      m.doubt = doubt;
      const s = score(m, tune);
      const f = (s.source.exact.f + s.cue.exact.f + s.content.exact.f) / 3;
      log(`cue bias ${bias}, doubt ${doubt}: tuning mean exact F1 ${pct(f)}`);
      if (f > best.f) best = { f, bias, doubt };
    }
  if (args.includes("--experiment")) {
    m.cue.bias.set([0, best.bias, 0]);
    m.doubt = best.doubt;
    report(`tuning (bias ${best.bias}, doubt ${best.doubt})`, m, tune);
    report("tuning, as saved (int8 weights)", unpackModel(packModel(m)), tune);
    if (args.includes("--eval")) report("held-out (trained without tuning part)", m, held);
    writeFileSync(out, packModel(m));
    log(`wrote ${out}`);
    process.exit(0);
  }
  return best;
}

/**
 * The content-end ranker (content-ends.ts), trained on the argument tagger's contents for the gold cues of
 * `docs`, which that tagger did not train on: the end the gold content has, among the candidates.
 */
interface EndItem {
  p: Paragraph;
  info: ReturnType<typeof tokenInfo>;
  x: EndInstance;
  gold: number;
  tagger: boolean;
  start: boolean;
}

function endItems(m: AttributionModel, docs: GoldDocument[]): EndItem[] {
  const items: EndItem[] = [];
  let all = 0;
  for (const d of docs)
    for (const p of paragraphsOf(d.text)) {
      const info = tokenInfo(p);
      const stat = staticHashes(p, info);
      const mine = d.attributions.filter((a) => tokensIn(p, a.cue).length > 0);
      if (mine.length === 0) continue;
      const cues = mine.map((a) => {
        const t = tokensIn(p, a.cue);
        return [t[0] ?? 0, (t[t.length - 1] ?? 0) + 1] as [number, number];
      });
      tagArguments(
        p,
        info,
        stat,
        cues,
        { ...m, ends: undefined, starts: undefined },
        undefined,
        (x, k, start) => {
          const g = tokensIn(p, mine[k]?.content ?? []);
          if (g.length === 0) return;
          if (!start) all++;
          const gold = x.ends.indexOf(start ? (g[0] ?? 0) : (g[g.length - 1] ?? 0) + 1);
          if (gold >= 0)
            items.push({ p, info, x, gold, tagger: x.ends[gold] === (start ? x.start : x.end), start });
        },
      );
    }
  const ends = items.filter((i) => !i.start);
  const starts = items.filter((i) => i.start);
  log(
    `end rankers: ${all} contents; gold end among the candidates in ${ends.length}, the tagger's own in ${ends.filter((i) => i.tagger).length}; gold start among them in ${starts.length}, the tagger's own in ${starts.filter((i) => i.tagger).length}`,
  );
  return items;
}

function fitEnds(items: EndItem[], start: boolean, rounds = Number(opt("end-rounds", "6"))): EndRanker {
  items = items.filter((i) => i.start === start);
  // Like the taggers: several differently shuffled runs, their averaged weights averaged again.
  const runsOf = Number(opt("end-runs", "3"));
  const r = new EndRanker(start);
  for (let k = 0; k < runsOf; k++) {
    const one = new EndRanker(start);
    const order = rng(11 + 1000 * k);
    for (let e = 0; e < rounds; e++) {
      shuffle(items, order);
      let wrong = 0;
      for (const it of items) if (one.update(it.p, it.info, it.x, it.gold)) wrong++;
      if (e === rounds - 1)
        log(`${start ? "start" : "end"} ranker run ${k + 1} round ${e + 1}: wrong ${wrong}/${items.length}`);
    }
    one.average();
    for (let i = 0; i < r.W.length; i++) r.W[i] = (r.W[i] ?? 0) + (one.W[i] ?? 0) / runsOf;
  }
  return r;
}

/**
 * Train the end ranker on `docs` by jackknife: `folds` argument taggers, each trained on all of `docs` but one
 * fold, tag that fold, so the ranker learns from the kind of contents a tagger gets wrong on text it never saw.
 */
function jackknifeEnds(docs: GoldDocument[], folds: number): { ends: EndRanker; starts: EndRanker } {
  const items: EndItem[] = [];
  for (let f = 0; f < folds; f++) {
    const inFold = (_: GoldDocument, i: number) => i % folds === f;
    // --fold-cache DIR keeps the fold taggers, for trying ranker features without retraining them (empty it
    // after changing the taggers' features or training options: the file name records only the fold split).
    const cache = opt("fold-cache", "");
    const file = cache ? join(cache, `fold-${f}-of-${folds}-${docs.length}.bin`) : "";
    let m: AttributionModel;
    if (file && existsSync(file)) m = unpackModel(readFileSync(file));
    else {
      m = trainModel(
        docs.filter((d, i) => !inFold(d, i)),
        true,
        foldRuns,
      );
      if (file) writeFileSync(file, packModel(m));
    }
    items.push(...endItems(m, docs.filter(inFold)));
    log(`end ranker fold ${f + 1}/${folds}: ${items.length} instances so far`);
  }
  return { ends: fitEnds(items, false), starts: fitEnds(items, true) };
}

if (args.includes("--ends-only")) {
  // Add an end ranker to an existing model (--model, trained without the tuning tenth), trained on the tuning
  // tenth, or with --folds N by jackknife over the rest of train (not the tuning tenth nor the held-out part).
  const m = unpackModel(readFileSync(resolve(opt("model", out))));
  report("tuning, without end ranker", m, tune);
  const folds = Number(opt("folds", "0"));
  // --ends-docs train: the jackknife over all of train but the held-out part (the shipped model's rankers).
  const docs = opt("ends-docs", "fit") === "train" ? train : fit;
  const items = folds > 0 ? [] : endItems(m, tune);
  const r =
    folds > 0 ? jackknifeEnds(docs, folds) : { ends: fitEnds(items, false), starts: fitEnds(items, true) };
  m.ends = r.ends;
  if (!args.includes("--no-starts")) m.starts = r.starts;
  report(folds > 0 ? "tuning, with end ranker" : "tuning, with end ranker (trained on it)", m, tune);
  if (args.includes("--eval")) {
    const bare = { ...m, ends: undefined, starts: undefined };
    report("held-out, without end ranker", bare, held);
    report("held-out, with end ranker", m, held);
  }
  writeFileSync(out, packModel(m));
  log(`wrote ${out}`);
  process.exit(0);
}

if (args.includes("--cue-only")) {
  // Retrain only the cue tagger of an existing model file (--model) on all of train but the held-out part,
  // keeping its argument tagger and content rankers, which never see the cue tagger's output in training:
  // for a change to the cue features alone. The cue bias is given (--cue-bias, chosen on the tuning tenth by a
  // full run's first model); the file's doubt is kept.
  // With --experiment, over fit only and scored on the tuning tenth (the loop for trying cue features).
  const experiment = args.includes("--experiment");
  const m = unpackModel(readFileSync(resolve(opt("model", out))));
  const fresh = trainModel(experiment ? fit : train, false, runs, true);
  m.cue = fresh.cue;
  m.cue.bias.set([0, Number(opt("cue-bias", "48")), 0]);
  const packed = packModel(m);
  writeFileSync(out, packed);
  log(`wrote ${out}: new cue tagger, argument tagger and rankers of ${opt("model", out)}`);
  if (experiment) report("tuning", unpackModel(packed), tune);
  else if (args.includes("--eval")) {
    report("held-out", unpackModel(packed), held);
    if (args.includes("--dev")) report("dev", unpackModel(packed), readSplit(dir, "dev"));
  }
  process.exit(0);
}

const { bias, doubt } = chooseDecoding();
const model = trainModel(train);
model.cue.bias.set([0, bias, 0]);
model.doubt = doubt;
const folds = Number(opt("folds", "4"));
if (folds > 0) Object.assign(model, jackknifeEnds(train, folds));
const packed = packModel(model);
writeFileSync(out, packed);
log(`wrote ${out} (${(packed.length / 1e6).toFixed(2)} MB), cue bias ${bias}, doubt ${doubt}`);

if (args.includes("--eval")) {
  const shipped = unpackModel(packed);
  report("held-out (float weights)", model, held);
  report("held-out", shipped, held);
  if (args.includes("--dev")) report("dev", shipped, readSplit(dir, "dev"));
}

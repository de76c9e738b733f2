/**
 * The Article Extraction Benchmark metric (upstream `evaluate.py`), as ../shared/data/extraction/README.md
 * defines it: tokens are maximal runs of Unicode letters, numbers and "_" (Python's `\w`); each text becomes
 * the multiset of its token 4-grams (1–3 tokens: one shorter shingle); per page tp = Σ min(countT, countP),
 * fp = Σ max(0, countP − countT), fn = Σ max(0, countT − countP); overall precision and recall are macro means
 * over the pages where each is defined, and F1 is computed from those two means.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const toks = tokens(text);
  const counts = new Map<string, number>();
  if (toks.length === 0) return counts;
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (toks.length < n) add(toks.join("\u0001"));
  else for (let i = 0; i + n <= toks.length; i++) add(toks.slice(i, i + n).join("\u0001"));
  return counts;
}

export interface PageScore {
  id: string;
  /** null when undefined (empty prediction / empty reference). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function scorePage(id: string, reference: string, prediction: string): PageScore {
  const t = shingles(reference);
  const p = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, countP] of p) {
    const countT = t.get(key) ?? 0;
    tp += Math.min(countT, countP);
    fp += Math.max(0, countP - countT);
  }
  for (const [key, countT] of t) fn += Math.max(0, countT - (p.get(key) ?? 0));
  const precision = p.size > 0 ? tp / (tp + fp) : null;
  const recall = t.size > 0 ? tp / (tp + fn) : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : precision !== null && recall !== null
        ? 0
        : null;
  return { id, precision, recall, f1 };
}

export interface OverallScore {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pages whose token sequences are exactly equal. */
  accuracy: number;
  pages: PageScore[];
}

/** Score predictions (missing ids count as empty) against every reference page. */
export function scoreAll(references: Map<string, string>, predictions: Map<string, string>): OverallScore {
  const pages: PageScore[] = [];
  let exact = 0;
  for (const [id, reference] of references) {
    const prediction = predictions.get(id) ?? "";
    pages.push(scorePage(id, reference, prediction));
    if (tokens(reference).join(" ") === tokens(prediction).join(" ")) exact++;
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(pages.flatMap((p) => (p.precision === null ? [] : [p.precision])));
  const recall = mean(pages.flatMap((p) => (p.recall === null ? [] : [p.recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { n: pages.length, precision, recall, f1, accuracy: pages.length ? exact / pages.length : 0, pages };
}

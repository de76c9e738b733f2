/**
 * `npm run bench` runs every benchmark listed in bench/run.ts. Each returns rows; the runner prints them as a
 * table with the machine and versions. A row compares a figure with its baseline measured in the same run.
 */
export interface BenchContext {
  sharedDir: string | null;
  /** Scratch folder (git-ignored) for generated corpora and databases. */
  workDir: string;
  /** Scale factor from --quick (0.1) or the default 1. */
  scale: number;
  log(message: string): void;
}

export interface BenchRow {
  bench: string;
  /** What was measured, e.g. "analyze 1000 docs". */
  case: string;
  value: number;
  unit: string;
  /** The same-run baseline and the ratio value/baseline, when there is one. */
  baseline?: { name: string; value: number };
  detail?: string;
}

export interface Benchmark {
  name: string;
  needsShared: boolean;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

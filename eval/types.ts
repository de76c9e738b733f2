/**
 * `npm run eval` runs every suite listed in eval/run.ts. A suite returns scored checks; the run fails
 * (exit 1) when any check falls below (or above, for "max") its recorded threshold.
 */
export interface EvalContext {
  /** Absolute path of ../shared, or null when it is not there (suites that need it then skip). */
  sharedDir: string | null;
  /** Folder for prediction files and reports (git-ignored). */
  outDir: string;
  /** Print a progress line (to stderr). */
  log(message: string): void;
}

export interface EvalCheck {
  suite: string;
  name: string;
  value: number;
  /** The recorded threshold: value must be >= threshold ("min") or <= threshold ("max"). */
  threshold: number;
  direction: "min" | "max";
  /** Free text shown beside the figure (baseline from the same run, counts…). */
  detail?: string;
}

export interface EvalSuite {
  name: string;
  /** True when the suite cannot run here (e.g. ../shared missing): it is reported as skipped. */
  needsShared: boolean;
  run(ctx: EvalContext): Promise<EvalCheck[]>;
}

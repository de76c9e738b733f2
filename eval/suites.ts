// The eval suites `npm run eval` runs, in order. Each file exports `suite: EvalSuite`.
import { suite as attribution } from "./attribution.js";
import { suite as entities } from "./entities.js";
import { suite as entityMerge } from "./entity-merge.js";
import { suite as extraction } from "./extraction.js";
import { suite as flags } from "./flags.js";
import { suite as ftm } from "./ftm.js";
import { suite as seeds } from "./seeds.js";
import { suite as stories } from "./stories.js";
import type { EvalSuite } from "./types.js";

export const suites: EvalSuite[] = [
  seeds,
  attribution,
  flags,
  extraction,
  entities,
  entityMerge,
  ftm,
  stories,
];

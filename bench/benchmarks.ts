// The benchmarks `npm run bench` runs, in order. Each file exports `benchmark: Benchmark`.
import { benchmark as api } from "./api.js";
import { benchmark as cluster } from "./cluster.js";
import { benchmark as extract } from "./extract.js";
import { benchmark as extraction } from "./extraction.js";
import { benchmark as matching } from "./matching.js";
import { benchmark as pipeline } from "./pipeline.js";
import { benchmark as store } from "./store.js";
import { benchmark as workers } from "./workers.js";
import type { Benchmark } from "./types.js";

export const benchmarks: Benchmark[] = [
  pipeline,
  extract,
  extraction,
  matching,
  store,
  workers,
  api,
  cluster,
];

/** What the maintenance scripts (train-attribution, build-clusters) share: option reading and a seeded LCG. */

/** `--name value` from the command line, else the fallback. */
export function optionOf(args: string[]): (name: string, fallback: string) => string {
  return (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
  };
}

/** A seeded linear congruential generator in [0, 1): the same seed gives the same model or table. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

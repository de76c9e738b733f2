/**
 * Where a data file shipped beside the attribution model's code is (model.bin, senses.bin): in this folder,
 * or, running from dist/ (which holds compiled code only), in the same folder under src/.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function assetPath(file: string): string | null {
  const here = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(here)) return here;
  const src = here.replace(/([\\/])dist([\\/])/, "$1src$2");
  return existsSync(src) ? src : null;
}

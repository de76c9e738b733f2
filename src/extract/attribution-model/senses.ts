/**
 * Word classes for the attribution taggers: for a noun or verb lemma (or a two-word one, "side with"), the
 * WordNet lexicographer class of its most frequent sense ("verb.communication", "noun.person", …) and the
 * classes of all its senses, packed into one 32-bit number. The table (./senses.bin, built by
 * scripts/build-senses.ts from WordNet 3.1) maps lemma hashes to those numbers; it holds no words. A lemma
 * it does not know, or a missing table, gives 0: the features then say "no class", and the taggers still run.
 *
 * Packing: bits 0–3 the first verb sense's class (1–15, verb.body … verb.weather), bits 4–8 the first noun
 * sense's class (1–26, noun.Tops … noun.time), bits 9–23 one bit per verb class any sense has, bits 24–31 one
 * bit per selected noun class any sense has (NOUN_FLAGS).
 */
import { assetLookup, type HashTable, packHashTable, unpackHashTable } from "./hash-table.js";

/** WordNet lexicographer file numbers: nouns 3–28, verbs 29–43. */
const NOUN_FIRST = 3;
const NOUN_LAST = 28;
const VERB_FIRST = 29;
const VERB_LAST = 43;

/** Noun classes with a bit of their own: person, group, communication, cognition, act, event, feeling, location. */
const NOUN_FLAGS = [18, 14, 10, 9, 4, 11, 12, 15];

export const VERB = {
  cognition: 31 - VERB_FIRST + 1,
  communication: 32 - VERB_FIRST + 1,
  emotion: 37 - VERB_FIRST + 1,
  perception: 39 - VERB_FIRST + 1,
  social: 41 - VERB_FIRST + 1,
} as const;

/** The packed value of a lemma from the lexicographer file numbers of its verb and noun senses (by frequency). */
export function senseValue(verbFiles: number[], nounFiles: number[]): number {
  let v = 0;
  const fv = verbFiles.find((f) => f >= VERB_FIRST && f <= VERB_LAST);
  if (fv !== undefined) v |= fv - VERB_FIRST + 1;
  const fn = nounFiles.find((f) => f >= NOUN_FIRST && f <= NOUN_LAST);
  if (fn !== undefined) v |= (fn - NOUN_FIRST + 1) << 4;
  for (const f of verbFiles) if (f >= VERB_FIRST && f <= VERB_LAST) v |= 1 << (9 + f - VERB_FIRST);
  for (const f of nounFiles) {
    const k = NOUN_FLAGS.indexOf(f);
    if (k >= 0) v |= 1 << (24 + k);
  }
  return v >>> 0;
}

/** The first verb sense's class, 0 when the lemma is no verb. */
export const verbClass = (v: number): number => v & 15;
/** The first noun sense's class, 0 when the lemma is no noun. */
export const nounClass = (v: number): number => (v >>> 4) & 31;
/** Whether any verb sense is of class c (a VERB value). */
export const hasVerbClass = (v: number, c: number): number => (c > 0 ? (v >>> (8 + c)) & 1 : 0);
/** The noun-class bits (NOUN_FLAGS order). */
export const nounFlags = (v: number): number => (v >>> 24) & 255;

const MAGIC = "WDSS1";

/** The table as a file (hash-table.ts): lemma hashes and their packed classes. */
export function packSenses(entries: Map<string, number>): Buffer {
  return packHashTable(MAGIC, entries);
}

export type SenseTable = HashTable;

export function unpackSenses(data: Buffer): SenseTable {
  return unpackHashTable(MAGIC, data, "sense table", "scripts/build-senses.ts");
}

/** The packed classes of a lower-case lemma ("say", "side with"); 0 when unknown (memoised). */
export const senseOf = assetLookup("senses.bin", unpackSenses);

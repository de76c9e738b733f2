/**
 * The cluster stage: near-duplicates and stories over the stored corpus. Pure functions over light records
 * (the application service builds them from the store and writes the result back).
 */
export { type DuplicateInput, type DuplicateOptions, findDuplicates } from "./duplicates.js";
export { BANDS, estimateJaccard, LshIndex, PERMUTATIONS, ROWS, signature } from "./minhash.js";
export { shingleSet, textFingerprint, words } from "./shingles.js";
export { clusterStories, type StoryInput, type StoryOptions, storyId } from "./stories.js";

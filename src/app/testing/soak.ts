/**
 * `npm run soak` runs the fault and hostile-input suites with WATCHDESK_SOAK=1: the longer versions (a 50 MB
 * line, many kill cycles, bigger bombs). `npm test` runs the same files with the small sizes.
 */
export const SOAK = process.env.WATCHDESK_SOAK === "1";

/** `size` in the soak, `quick` in npm test. */
export function soakOr<T>(size: T, quick: T): T {
  return SOAK ? size : quick;
}

/** For `it(…, { skip })`: runs only in the soak. */
export const SOAK_ONLY: false | string = SOAK ? false : "runs in `npm run soak`";

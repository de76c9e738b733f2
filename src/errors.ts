/**
 * Errors a user can cause are values with a code, the input they concern and a hint of what to do.
 * The CLI prints them as `watchdesk: <input>: <message> (<hint>)`; the HTTP API as JSON.
 */
export class WatchdeskError extends Error {
  readonly code: string;
  readonly input: string | null;
  readonly hint: string;
  /** 1: the work failed (bad input, missing record); 2: the command was used wrongly. */
  readonly exitCode: 1 | 2;

  constructor(
    code: string,
    message: string,
    options: { input?: string | null; hint?: string; exitCode?: 1 | 2; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WatchdeskError";
    this.code = code;
    this.input = options.input ?? null;
    this.hint = options.hint ?? "";
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isWatchdeskError(error: unknown): error is WatchdeskError {
  return error instanceof WatchdeskError;
}

/** One line for a person: `<input>: <message> (<hint>)`. */
export function describeError(error: unknown): string {
  if (isWatchdeskError(error)) {
    const where = error.input ? `${error.input}: ` : "";
    const hint = error.hint ? ` (${error.hint})` : "";
    return `${where}${error.message}${hint}`;
  }
  return error instanceof Error ? error.message : String(error);
}

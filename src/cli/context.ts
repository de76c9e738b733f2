import type { Command } from "commander";
import type { Store } from "../store/types.js";

/** Where a command writes. Injected so tests can run commands in-process and read what they print. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: only then are progress bars drawn. */
  stderrIsTTY: boolean;
}

/** What every command gets. Commands are thin: parse options, call a use case in src/app, present the result. */
export interface CliContext {
  io: CliIO;
  /** Open (and migrate) the store named by the global `--db` option or WATCHDESK_DATABASE_URL. */
  openStore(): Promise<Store>;
  /** Set the process exit code (0 ok, 1 work failed, 2 wrong usage); the highest value set wins. */
  setExitCode(code: 0 | 1 | 2): void;
}

/** Each file in src/cli/commands exports one of these. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Print a value as JSON (list commands print one JSON array). */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

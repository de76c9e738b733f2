import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { loadConfig } from "../app/config.js";
import { describeError, isWatchdeskError } from "../errors.js";
import { openStore } from "../store/index.js";
import { commands } from "./commands/index.js";
import type { CliContext, CliIO } from "./context.js";

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Build the `watchdesk` program around an IO sink. */
export function buildProgram(io: CliIO, setExitCode: (code: 0 | 1 | 2) => void): Command {
  const program = new Command();
  program
    .name("watchdesk")
    .description("An evidence ledger for sanctions and arms-transfer reporting.")
    .version(version())
    .option(
      "--db <location>",
      "SQLite file or postgres:// URL (default ./watchdesk.db, or $WATCHDESK_DATABASE_URL)",
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  const ctx: CliContext = {
    io,
    setExitCode,
    async openStore() {
      const config = loadConfig(program.opts<{ db?: string }>());
      return openStore(config.database);
    },
  };
  for (const register of commands) register(program, ctx);
  // Sub-commands inherit the error handling so usage errors exit 2 instead of killing the process.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  }
  return program;
}

/**
 * Run the CLI on `argv` (without node and script) and return the exit code:
 * 0 success, 1 the work failed (bad input, missing record, some documents not ingested), 2 wrong usage.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let code: 0 | 1 | 2 = 0;
  const setExitCode = (c: 0 | 1 | 2) => {
    if (c > code) code = c;
  };
  const program = buildProgram(io, setExitCode);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
      ) {
        return 0;
      }
      if (error.code === "commander.help") return 0;
      return 2;
    }
    io.stderr(`watchdesk: ${describeError(error)}\n`);
    if (!isWatchdeskError(error) && process.env.WATCHDESK_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return isWatchdeskError(error) ? error.exitCode : 1;
  }
  return code;
}

export async function main(): Promise<void> {
  const io: CliIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
  // A closed pipe (`watchdesk export | head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  process.exitCode = await runCli(process.argv.slice(2), io);
}

/** For CLI command tests: run one registered command the way the CLI does, collecting what it prints. */
import { Command } from "commander";
import type { RegisterCommand } from "../../cli/context.js";
import { isWatchdeskError } from "../../errors.js";
import { openStore } from "../../store/index.js";

export async function runCommand(registerCommand: RegisterCommand, argv: string[]) {
  let stdout = "";
  let stderr = "";
  let code = 0;
  const program = new Command().option("--db <location>").exitOverride();
  registerCommand(program, {
    io: {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      stderrIsTTY: false,
    },
    openStore: () => openStore(program.opts<{ db?: string }>().db ?? ":memory:"),
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
  });
  const writeErr = (s: string) => {
    stderr += s;
  };
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeErr });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (isWatchdeskError(error)) return { code: error.exitCode, stdout, stderr, error };
    return { code: 2, stdout, stderr, error };
  }
  return { code, stdout, stderr, error: null };
}

import { z } from "zod";
import { WatchdeskError } from "../errors.js";

/** Validated once at start-up: a bad value stops the program with a message naming it. */
const ConfigSchema = z.object({
  database: z
    .string()
    .min(1, "must not be empty")
    .refine((v) => !/^[a-z]+:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v), {
      message: "must be a SQLite file path or a postgres:// URL",
    }),
});

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_DATABASE = "./watchdesk.db";

/** `--db` wins over WATCHDESK_DATABASE_URL, which wins over ./watchdesk.db. */
export function loadConfig(
  options: { db?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const database = options.db ?? env.WATCHDESK_DATABASE_URL ?? DEFAULT_DATABASE;
  const parsed = ConfigSchema.safeParse({ database });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WatchdeskError("BAD_CONFIG", `database ${issue?.message ?? "is invalid"}`, {
      input: database,
      hint: "use --db ./watchdesk.db or --db postgres://user@host/dbname",
      exitCode: 2,
    });
  }
  return parsed.data;
}

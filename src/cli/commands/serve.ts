/** `watchdesk serve [--port N] [--host H]`: the HTTP API and the analyst's desk over the store. */
import { WatchdeskError } from "../../errors.js";
import { isLoopbackHost, startDesk } from "../../server/index.js";
import type { RegisterCommand } from "../context.js";

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new WatchdeskError("BAD_PORT", "the port must be a whole number from 0 to 65535", {
      input: value,
      hint: "e.g. --port 8080 (0 picks a free port)",
      exitCode: 2,
    });
  }
  return n;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("serve")
    .description("serve the HTTP API (/api, /openapi.json) and the analyst's desk in the browser")
    .option("--port <port>", "port to listen on (0: any free port)", parsePort, 8080)
    .option("--host <host>", "address to listen on; beyond loopback, reads need a token too", "127.0.0.1")
    .option("--open-reads", "allow reads without a token even when not on loopback")
    .option("--allow-host <names...>", "host names the desk answers for besides loopback (behind a proxy)")
    .option("--quiet", "do not log requests")
    .action(
      async (opts: {
        port: number;
        host: string;
        openReads?: boolean;
        allowHost?: string[];
        quiet?: boolean;
      }) => {
        const store = await ctx.openStore();
        const loopback = isLoopbackHost(opts.host);
        const running = await startDesk({
          store,
          host: opts.host,
          port: opts.port,
          openReads: opts.openReads ?? loopback,
          // Bound beyond loopback without named hosts, any Host is accepted: tokens guard the data then.
          allowedHosts: loopback ? (opts.allowHost ?? []) : (opts.allowHost ?? null),
          log: opts.quiet ? () => {} : (line) => ctx.io.stderr(`${new Date().toISOString()} ${line}\n`),
        }).catch(async (error: NodeJS.ErrnoException) => {
          await store.close();
          throw new WatchdeskError("SERVE_FAILED", `could not listen: ${error.message}`, {
            input: `${opts.host}:${opts.port}`,
            hint:
              error.code === "EADDRINUSE"
                ? "the port is taken: pick another with --port"
                : "check --host and --port",
          });
        });
        ctx.io.stdout(
          `Watchdesk desk at ${running.url}/  (API ${running.url}/api, OpenAPI ${running.url}/openapi.json)\n`,
        );
        ctx.io.stderr(
          loopback
            ? "reads are open on this loopback address; writes need a token (`watchdesk token create`). Ctrl-C stops.\n"
            : "listening beyond loopback: reads and writes need a token. Ctrl-C stops.\n",
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
        await running.close();
        await store.close();
      },
    );
};

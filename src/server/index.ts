/** Start the desk on a port: the Hono app (src/server/app.ts) on Node's HTTP server. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createDesk, type Desk, type DeskOptions } from "./app.js";
import { isLoopbackHost } from "./security.js";

export { createDesk, type Desk, type DeskOptions } from "./app.js";
export { isLoopbackHost } from "./security.js";

export interface RunningDesk {
  url: string;
  desk: Desk;
  close(): Promise<void>;
}

export async function startDesk(
  options: DeskOptions & { host?: string; port?: number },
): Promise<RunningDesk> {
  const host = options.host ?? "127.0.0.1";
  const desk = createDesk({
    ...options,
    // Beyond loopback, reads need a token too unless the caller opened them explicitly.
    openReads: options.openReads ?? isLoopbackHost(host),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: desk.app.fetch, hostname: host, port: options.port ?? 8080 }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    url: `http://${shown}:${address.port}`,
    desk,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

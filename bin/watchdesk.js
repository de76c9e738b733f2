#!/usr/bin/env node
// The installed entry point runs the compiled CLI (npm ci builds it through the `prepare` script).
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write("watchdesk: the CLI is not built yet (run `npm run build` in the watchdesk folder)\n");
  process.exit(1);
}
const { main } = await import(compiled.href);
await main();

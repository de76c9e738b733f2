#!/usr/bin/env node
// Runs every `*.test.ts` beside the code under src/ with node's own test runner (through tsx, so the
// TypeScript sources run as they are). Node 20's runner has no glob support, hence this small finder.
// Extra arguments are passed through, e.g. `npm test -- --test-name-pattern=store`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function findTests(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, path));
  }
  return out;
}

const passthrough = process.argv.slice(2);
const filters = passthrough.filter((a) => !a.startsWith("-"));
const flags = passthrough.filter((a) => a.startsWith("-"));
let files = findTests(join(root, "src"));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("no test files found under src/");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...flags, ...files],
  { cwd: root, stdio: "inherit", env: { ...process.env, WATCHDESK_TEST: "1" } },
);
process.exit(result.status ?? 1);

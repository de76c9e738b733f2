#!/usr/bin/env node
// `npm run demo`: ingest the bundled example articles into a fresh SQLite file and show what Watchdesk made of
// them. Every step is an ordinary CLI call, so the demo shows exactly what a user would type.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const db = `${root}.demo/watchdesk-demo.db`;
const bin = `${root}bin/watchdesk.js`;

if (!existsSync(`${root}dist/cli/main.js`)) {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
mkdirSync(`${root}.demo`, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });

function step(title, args) {
  process.stdout.write(`\n\x1b[1m$ watchdesk ${args.join(" ")}\x1b[0m   # ${title}\n`);
  const r = spawnSync(process.execPath, [bin, "--db", db, ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0 && r.status !== 1) process.exit(r.status ?? 1);
}

step("read, clean, analyze and store the bundled examples", ["ingest", "examples/articles"]);
step("the same again: nothing is stored twice", ["ingest", "examples/articles"]);
step("the stored articles", ["articles"]);
step("stories, with syndicated copies collapsed", ["stories"]);
step("arms-transfer claims with who holds them and their stance", ["claims", "--type", "ARMS_TRANSFER"]);
step("the ledger: claims that someone asserts and someone denies", ["ledger", "--contested"]);
step("full-text search", ["search", "artillery shells"]);
process.stdout.write(`\nThe demo store is ${db}; try \`node bin/watchdesk.js --db ${db} --help\`.\n`);
process.stdout.write(
  `\nThe analyst's desk over the demo data: run \`node bin/watchdesk.js --db ${db} serve\` and open http://127.0.0.1:8080/\n` +
    `(writes need a token: \`node bin/watchdesk.js --db ${db} token create\`).\n`,
);

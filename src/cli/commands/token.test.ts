import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { CliIO } from "../context.js";
import { runCli } from "../main.js";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stderrIsTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe("watchdesk token", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-token-"));
  const db = join(dir, "t.db");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints a new token once, lists it by id and name only, and revokes it", async () => {
    const made = await cli("--db", db, "token", "create", "--name", "night desk");
    assert.equal(made.code, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^wdt_[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    assert.match(made.stderr, /shown only now/);
    const id = token.split("_")[1]!;

    const list = await cli("--db", db, "token", "list", "--json");
    assert.equal(list.code, 0);
    const tokens = JSON.parse(list.stdout) as { id: string; name: string; revokedAt: string | null }[];
    assert.deepEqual(
      tokens.map((t) => [t.id, t.name, t.revokedAt]),
      [[id, "night desk", null]],
    );
    // The secret is everything after the id (base64url: it may itself hold "_").
    const secret = token.split("_").slice(2).join("_");
    assert.ok(!list.stdout.includes(secret), "the secret is never listed");
    assert.ok(!list.stdout.includes("hash"), "nor its hash");

    assert.equal((await cli("--db", db, "token", "revoke", id)).code, 0);
    const again = await cli("--db", db, "token", "revoke", id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no live token/);
  });

  it("refuses an empty name with a hint", async () => {
    const run = await cli("--db", db, "token", "create", "--name", "  ");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /token name/);
  });
});

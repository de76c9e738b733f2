import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { LIST_XML } from "../../link/fixtures.js";
import { runCommand } from "../../queue/testing/run-command.js";
import { makeArticle } from "../../store/fixtures.js";
import { openStore } from "../../store/index.js";
import { register } from "./sanctions.js";

describe("watchdesk sanctions", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-sanctions-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const oldFile = join(dir, "old.xml");
  const newFile = join(dir, "new.xml");
  writeFileSync(oldFile, LIST_XML);
  writeFileSync(
    newFile,
    LIST_XML.replace(
      "<REFERENCE_NUMBER>KPi.902</REFERENCE_NUMBER>",
      "<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>",
    ),
  );
  const db = join(dir, "desk.db");

  it("imports a list, then reports what the next import changes", async () => {
    const first = await runCommand(register, ["--db", db, "sanctions", "import", oldFile]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /entries imported/);
    const second = await runCommand(register, ["--db", db, "sanctions", "import", newFile, "--json"]);
    const result = JSON.parse(second.stdout);
    assert.deepEqual(
      result.diff.added.map((e: { reference: string }) => e.reference),
      ["KPi.999"],
    );
    assert.deepEqual(
      result.diff.removed.map((e: { reference: string }) => e.reference),
      ["KPi.902"],
    );
  });

  it("matches stored entities against the stored list", async () => {
    const store = await openStore(db);
    await store.putArticle(
      makeArticle({
        id: "a1",
        title: "Broker named",
        body: "Investigators said Park Song-chol arranged the cargo. Kim Min Jae was not involved.",
        outlet: "Desk",
        published: "2030-02-01",
        entities: [
          { key: "person:park-song-chol", name: "Park Song-chol", type: "PERSON", forms: ["Park Song-chol"] },
          { key: "person:kim-min-jae", name: "Kim Min Jae", type: "PERSON", forms: ["Kim Min Jae"] },
        ],
      }),
    );
    await store.close();
    const result = await runCommand(register, ["--db", db, "sanctions", "match", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const matches = JSON.parse(result.stdout);
    assert.deepEqual(
      matches.map((m: { key: string }) => m.key),
      ["person:park-song-chol"],
    );
    assert.equal(matches[0].links[0].reference, "KPi.901");
    const bad = await runCommand(register, ["--db", db, "sanctions", "match", "--threshold", "7"]);
    assert.equal(bad.code, 2);
  });

  it("diffs two files without a store, and says when a file is unreadable", async () => {
    const result = await runCommand(register, ["sanctions", "diff", oldFile, newFile]);
    assert.match(result.stdout, /^1 added, 1 removed, 0 changed/);
    const missing = await runCommand(register, ["sanctions", "diff", join(dir, "nope.xml"), newFile]);
    assert.equal((missing.error as { code?: string }).code, "SANCTIONS_FILE_UNREADABLE");
  });

  it("asks for an import before matching", async () => {
    const result = await runCommand(register, ["--db", join(dir, "empty.db"), "sanctions", "match"]);
    assert.equal((result.error as { code?: string }).code, "SANCTIONS_LIST_MISSING");
  });
});

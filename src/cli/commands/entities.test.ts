import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { LIST_XML } from "../../link/fixtures.js";
import { runCommand } from "../../queue/testing/run-command.js";
import { makeArticle } from "../../store/fixtures.js";
import { openStore } from "../../store/index.js";
import { register } from "./entities.js";
import { register as registerSanctions } from "./sanctions.js";

describe("watchdesk entities / entity", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-entities-"));
  const db = join(dir, "desk.db");
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    const store = await openStore(db);
    const broker = {
      key: "person:park-song-chol",
      name: "Park Song-chol",
      type: "PERSON" as const,
      forms: ["Park Song-chol", "Park"],
      roles: ["shipping broker"],
    };
    await store.putArticle(
      makeArticle({
        id: "a1",
        title: "Broker named",
        body: "Investigators said Park Song-chol, a shipping broker, arranged the cargo. Park denied it.",
        outlet: "Desk",
        published: "2030-02-01",
        entities: [broker, { key: "state:KP", name: "North Korea", type: "STATE", forms: ["North Korea"] }],
      }),
    );
    await store.putArticle(
      makeArticle({
        id: "a2",
        title: "Broker again",
        body: "Park Song-chol was seen in the port again, officials said.",
        outlet: "Other",
        published: "2030-02-03",
        entities: [broker],
      }),
    );
    await store.close();
    const file = join(dir, "list.xml");
    writeFileSync(file, LIST_XML);
    assert.equal((await runCommand(registerSanctions, ["--db", db, "sanctions", "import", file])).code, 0);
  });

  it("lists entities filtered by type", async () => {
    const result = await runCommand(register, ["--db", db, "entities", "--type", "person", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout);
    assert.deepEqual(
      rows.map((r: { key: string }) => r.key),
      ["person:park-song-chol"],
    );
    assert.equal(rows[0].articleCount, 2);
    const bad = await runCommand(register, ["--db", db, "entities", "--type", "planet"]);
    assert.equal(bad.code, 2);
  });

  it("shows one entity with its aliases, roles, articles and sanctions link", async () => {
    const result = await runCommand(register, ["--db", db, "entity", "person:park-song-chol", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const e = JSON.parse(result.stdout);
    assert.ok(e.aliases.includes("Park"));
    assert.deepEqual(e.roles, ["shipping broker"]);
    assert.equal(e.articleCount, 2);
    assert.equal(e.sanctions[0].reference, "KPi.901");
    const text = await runCommand(register, ["--db", db, "entity", "person:park-song-chol"]);
    assert.match(text.stdout, /sanctions: KPi\.901/);
  });

  it("says when the key is unknown", async () => {
    const result = await runCommand(register, ["--db", db, "entity", "person:nobody"]);
    assert.equal((result.error as { code?: string }).code, "ENTITY_NOT_FOUND");
  });
});

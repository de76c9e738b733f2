import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { LIST_XML } from "../../link/fixtures.js";
import { analyze } from "../../pipeline.js";
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
    // Two reports analyzed by the real pipeline: one person in two spellings, and a bare surname.
    for (const [id, text] of [
      ["r1", "Ri Kwang Chol, a trading agent, met the buyers in port. Ri denied any sale."],
      ["r2", "Lee Kwang-chol, a trading agent, was seen again, officials said."],
    ] as const) {
      await store.putArticle(
        analyze({
          source: `${id}.txt`,
          kind: "text",
          contentType: "text/plain",
          content: text,
          hints: { id },
        }),
      );
    }
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
      ["person:park-song-chol", "person:ri-kwang-chol"],
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

  it("lists each entity with its aliases, counts, roles and sanctions links", async () => {
    const result = await runCommand(register, ["--db", db, "entities", "--json"]);
    const rows = JSON.parse(result.stdout) as {
      key: string;
      aliases: string[];
      roles: string[];
      mentionCount: number;
      articleCount: number;
      sanctions: { reference: string; name: string; score: number; features: Record<string, number> }[];
    }[];
    const broker = rows.find((r) => r.key === "person:park-song-chol");
    assert.ok(broker);
    assert.deepEqual(broker.roles, ["shipping broker"]);
    assert.ok(broker.aliases.includes("Park"));
    assert.ok(broker.mentionCount >= 3);
    assert.equal(broker.sanctions[0]?.reference, "KPi.901");
    assert.equal(broker.sanctions[0]?.name, "PAK SONG CHOL");
    assert.equal(broker.sanctions[0]?.features.type, 1);
    assert.deepEqual(rows.find((r) => r.key === "state:KP")?.sanctions, []);
    const text = await runCommand(register, ["--db", db, "entities"]);
    assert.match(
      text.stdout,
      /person:park-song-chol\tPERSON\tPark Song-chol\t\d+ mentions in 2 articles.*sanctions: KPi\.901/,
    );
  });

  it("says which rule joined each spelling", async () => {
    const e = JSON.parse(
      (await runCommand(register, ["--db", db, "entity", "person:ri-kwang-chol", "--json"])).stdout,
    );
    const spelling = (form: string) => e.spellings.find((s: { form: string }) => s.form === form);
    assert.deepEqual(spelling("Ri")?.rule, ["same article"]);
    assert.deepEqual(spelling("Ri")?.via, ["surname"]);
    assert.ok(spelling("Lee Kwang-chol")?.rule.includes("family name Lee→ri"), JSON.stringify(e.spellings));
    assert.deepEqual(spelling("Ri Kwang Chol")?.rule, ["exact name"]);
    assert.equal(e.articleCount, 2);
    const text = await runCommand(register, ["--db", db, "entity", "person:ri-kwang-chol"]);
    assert.match(text.stdout, /Lee Kwang-chol .*family name Lee→ri/);
  });

  it("exports entities as FtM JSON lines and as CSV", async () => {
    const ftm = await runCommand(register, ["--db", db, "export-entities"]);
    assert.equal(ftm.code, 0, ftm.stderr);
    const records = ftm.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    const person = records.find((r) => r.schema === "Person" && r.properties.name?.[0] === "PAK SONG CHOL");
    assert.ok(person, "the linked list record is exported");
    const sanction = records.find((r) => r.schema === "Sanction" && r.properties.entity?.[0] === person.id);
    assert.deepEqual(sanction?.properties.unscId, ["KPi.901"]);
    const mentions = records.filter(
      (r) => r.schema === "Mention" && r.properties.resolved?.[0] === person.id,
    );
    assert.equal(mentions.length, 2, "both articles mention the designated broker");
    const articles = new Set(records.filter((r) => r.schema === "Article").map((r) => r.id));
    for (const m of mentions) assert.ok(articles.has(m.properties.document?.[0] ?? ""));
    const csv = await runCommand(register, ["--db", db, "export-entities", "--format", "csv"]);
    const [header, ...lines] = csv.stdout.trim().split("\r\n");
    assert.match(header ?? "", /^key,type,name,aliases,roles,mentions,articles,sanctions_reference/);
    assert.ok(lines.some((l) => l.startsWith("person:park-song-chol,PERSON,") && l.includes("KPi.901")));
    const file = join(dir, "out.jsonl");
    const toFile = await runCommand(register, ["--db", db, "export-entities", "--out", file]);
    assert.match(toFile.stderr, /wrote \d+ records/);
  });

  it("says when the key is unknown", async () => {
    const result = await runCommand(register, ["--db", db, "entity", "person:nobody"]);
    assert.equal((result.error as { code?: string }).code, "ENTITY_NOT_FOUND");
  });
});

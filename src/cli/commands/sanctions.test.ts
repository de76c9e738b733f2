import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { LIST_XML } from "../../link/fixtures.js";
import { runCommand } from "../../queue/testing/run-command.js";
import { makeArticle } from "../../store/fixtures.js";
import { openStore } from "../../store/index.js";
import { register as registerAnalyze } from "./analyze.js";
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
    ).replace("<LISTED_ON>2029-05-01</LISTED_ON>", "<LISTED_ON>2029-05-02</LISTED_ON>"),
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
    assert.deepEqual(result.diff.changed, [
      { reference: "KPi.901", name: "PAK SONG CHOL", fields: ["listedOn"] },
    ]);
    const again = await runCommand(register, ["--db", db, "sanctions", "import", newFile]);
    assert.match(again.stdout, /0 added, 0 removed, 0 changed/);
    await runCommand(register, ["--db", db, "sanctions", "import", oldFile]);
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

  it("explains each link with its features, ranked", async () => {
    const result = await runCommand(register, ["--db", db, "sanctions", "match"]);
    assert.match(
      result.stdout,
      /Park Song-chol \(PERSON, person:park-song-chol, 1 articles\)\n {2}→ KPi\.901 PAK SONG CHOL {2}score 1 {2}\(name=1 alias=\d type=1\)/,
    );
  });

  it("checks one name: why it links, or why not", async () => {
    const yes = JSON.parse(
      (await runCommand(register, ["--db", db, "sanctions", "check", "Song-chol Pak", "--json"])).stdout,
    );
    assert.equal(yes.candidates[0].reference, "KPi.901");
    assert.equal(yes.candidates[0].linked, true);
    // One syllable off: a candidate, shown with its score, but below the threshold.
    const no = await runCommand(register, ["--db", db, "sanctions", "check", "Pak Song Il"]);
    assert.match(
      no.stdout,
      /^Pak Song Il \(PERSON\): no link at threshold 0\.88\n {2}· KPi\.901 PAK SONG CHOL {2}score 0\.667/,
    );
    const org = await runCommand(register, [
      "sanctions",
      "check",
      "Kalmaegi Trading Corp",
      "--type",
      "org",
      "--list",
      oldFile,
    ]);
    assert.match(org.stdout, /links to KPe\.901/);
    const bad = await runCommand(register, [
      "--db",
      db,
      "sanctions",
      "check",
      "Pyongyang",
      "--type",
      "state",
    ]);
    assert.equal(bad.code, 2);
  });

  it("links entities in `analyze --json` against a list file or the imported list", async () => {
    const article = join(dir, "report.txt");
    writeFileSync(
      article,
      "Seagull Horizon Trading Company shipped the cargo, investigators said. Kim Min Jae, a broker, denied it.",
    );
    const fromFile = await runCommand(registerAnalyze, [
      "analyze",
      article,
      "--json",
      "--sanctions",
      oldFile,
    ]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const entities = JSON.parse(fromFile.stdout).entities as {
      name: string;
      sanctions?: { reference: string; name: string; score: number; features: Record<string, number> }[];
    }[];
    const company = entities.find((e) => e.name === "Seagull Horizon Trading Company");
    assert.deepEqual(
      company?.sanctions?.map((l) => [l.reference, l.name, typeof l.score, l.features.type]),
      [["KPe.901", "SEAGULL HORIZON TRADING COMPANY", "number", 1]],
    );
    assert.equal(entities.find((e) => e.name === "Kim Min Jae")?.sanctions, undefined);
    // The store already holds an imported list: analyze links against it without being asked.
    const fromStore = JSON.parse(
      (await runCommand(registerAnalyze, ["--db", db, "analyze", article, "--json"])).stdout,
    );
    assert.ok(
      fromStore.entities.some(
        (e: { sanctions?: { reference: string }[] }) => e.sanctions?.[0]?.reference === "KPe.901",
      ),
    );
    const off = JSON.parse(
      (await runCommand(registerAnalyze, ["--db", db, "analyze", article, "--json", "--no-link"])).stdout,
    );
    assert.ok(off.entities.every((e: { sanctions?: unknown }) => e.sanctions === undefined));
    // No database file yet: analyze links nothing and creates nothing.
    const fresh = join(dir, "none.db");
    await runCommand(registerAnalyze, ["--db", fresh, "analyze", article, "--json"]);
    assert.equal(existsSync(fresh), false);
  });

  it("diffs two files without a store, and says when a file is unreadable", async () => {
    const result = await runCommand(register, ["sanctions", "diff", oldFile, newFile]);
    assert.match(result.stdout, /^1 added, 1 removed, 1 changed\n/);
    assert.match(result.stdout, /~ KPi\.901 {2}PAK SONG CHOL {2}\(listedOn\)/);
    const missing = await runCommand(register, ["sanctions", "diff", join(dir, "nope.xml"), newFile]);
    assert.equal((missing.error as { code?: string }).code, "SANCTIONS_FILE_UNREADABLE");
  });

  it("asks for an import before matching", async () => {
    const result = await runCommand(register, ["--db", join(dir, "empty.db"), "sanctions", "match"]);
    assert.equal((result.error as { code?: string }).code, "SANCTIONS_LIST_MISSING");
  });
});

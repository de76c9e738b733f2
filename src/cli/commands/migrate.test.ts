import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCommand } from "../../queue/testing/run-command.js";
import { fixtureArticles, makeArticle } from "../../store/fixtures.js";
import { openStore } from "../../store/index.js";
import { TEST_PG_URL, TestSchemas } from "../../store/pg-testing.js";
import { register } from "./migrate.js";

const newer = makeArticle({
  id: "f-convoys",
  title: "Convoys seen at the border crossing",
  body: "Trucks in long convoys crossed the bridge at Sinuiju overnight, residents said.",
  outlet: "Border Monitor",
  published: "2024-03-09",
});

describe("watchdesk migrate", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-migrate-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says which source is missing", async () => {
    const result = await runCommand(register, [
      "migrate",
      "--from",
      join(dir, "nope.db"),
      "--to",
      "postgres://x@127.0.0.1/x",
    ]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "MIGRATE_SOURCE_MISSING");
  });

  it("refuses a target that is not Postgres", async () => {
    const source = join(dir, "source.db");
    await (await openStore(source)).close();
    const result = await runCommand(register, ["migrate", "--from", source, "--to", join(dir, "other.db")]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "MIGRATE_TARGET_NOT_POSTGRES");
  });

  it("copies a SQLite file into Postgres, and a second run copies only what is new", {
    skip: TEST_PG_URL ? false : "set WATCHDESK_TEST_PG_URL to run it",
  }, async (t) => {
    const schemas = new TestSchemas(TEST_PG_URL!);
    t.after(() => schemas.dropAll());
    const source = join(dir, "desk.db");
    const store = await openStore(source);
    for (const doc of fixtureArticles) await store.putArticle(doc);
    await store.saveClustering({
      stories: [
        { id: "s-1", title: "Shells", start: "2024-03-02", end: "2024-03-02", articleIds: ["a-shipment"] },
      ],
      duplicates: [],
    });
    await store.close();
    const target = schemas.url();
    const first = await runCommand(register, ["migrate", "--from", source, "--to", target]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^3 articles read: 3 copied, 0 already there; 1 story/);
    const unchanged = await runCommand(register, ["migrate", "--from", source, "--to", target, "--json"]);
    assert.equal(JSON.parse(unchanged.stdout).inserted, 0);

    // The desk goes on working on SQLite: a new article and new stories, then the copy is brought up to date.
    const again = await openStore(source);
    await again.putArticle(newer);
    await again.saveClustering({
      stories: [
        { id: "s-1", title: "Shells", start: "2024-03-02", end: "2024-03-02", articleIds: ["a-shipment"] },
        { id: "s-2", title: "Convoys", start: "2024-03-09", end: "2024-03-09", articleIds: ["f-convoys"] },
      ],
      duplicates: [],
    });
    const expected = { articles: await again.listArticles(), stories: await again.listStories() };
    await again.close();
    const second = await runCommand(register, ["migrate", "--from", source, "--to", target, "--json"]);
    assert.equal(second.code, 0, second.stderr);
    const report = JSON.parse(second.stdout);
    assert.deepEqual([report.articles, report.inserted, report.skipped, report.stories], [4, 1, 3, 2]);

    const pg = await openStore(target);
    assert.deepEqual(await pg.listArticles(), expected.articles, "same articles, with their ingest times");
    assert.deepEqual(await pg.listStories(), expected.stories);
    assert.deepEqual(
      (await pg.search({ text: "convoys" })).map((h) => h.id),
      ["f-convoys"],
    );
    await pg.close();
  });
});

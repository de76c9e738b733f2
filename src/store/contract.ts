/**
 * The one contract every storage engine passes, written against the `Store` interface only.
 * `open` must give a fresh, empty, migrated store each time it is called; the suite closes what it opens.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AnalyzedArticle, CanonicalClaim, Ledger, SanctionsList, Story } from "../types.js";
import { droneReport, fixtureArticles, makeArticle, missileReport, shipmentReport } from "./fixtures.js";
import type { Store } from "./types.js";

export function storeContract(name: string, open: () => Promise<Store>): void {
  async function withStore(fn: (store: Store) => Promise<void>, docs: AnalyzedArticle[] = []): Promise<void> {
    const store = await open();
    try {
      for (const doc of docs) await store.putArticle(doc);
      await fn(store);
    } finally {
      await store.close();
      // Closing twice (a `finally` after an explicit close) must be harmless.
      await store.close();
    }
  }

  describe(`store contract: ${name}`, () => {
    it("gives back a stored article exactly as it was put, with its ingest time", () =>
      withStore(async (store) => {
        const before = new Date().toISOString();
        const result = await store.putArticle(shipmentReport);
        assert.deepEqual(result, { id: shipmentReport.article.id, inserted: true });
        const got = await store.getArticle(shipmentReport.article.id);
        assert.ok(got);
        const { ingestedAt, ...rest } = got;
        assert.deepEqual(rest, shipmentReport);
        assert.ok(ingestedAt >= before.slice(0, 19), `ingestedAt ${ingestedAt} is an ISO time of the put`);
        assert.equal(await store.hasArticle(shipmentReport.article.id), true);
        assert.equal(await store.hasArticle("no-such-article"), false);
        assert.equal(await store.getArticle("no-such-article"), null);
      }));

    it("writes nothing when the same article is put again", () =>
      withStore(
        async (store) => {
          const first = await store.getArticle(shipmentReport.article.id);
          const entities = await store.listEntities();
          const again = await store.putArticle(shipmentReport);
          assert.deepEqual(again, { id: shipmentReport.article.id, inserted: false });
          assert.equal(await store.countArticles(), 1);
          assert.equal((await store.listClaims()).length, shipmentReport.claims.length);
          assert.equal((await store.listAttributions(shipmentReport.article.id)).length, 1);
          assert.deepEqual(await store.getArticle(shipmentReport.article.id), first);
          assert.deepEqual(await store.listEntities(), entities);
        },
        [shipmentReport],
      ));

    it("lists articles newest first, undated last, with counts, filters and pages", () =>
      withStore(async (store) => {
        const all = await store.listArticles();
        assert.deepEqual(
          all.map((a) => a.id),
          ["b-missile", "a-shipment", "c-drones"],
        );
        const shipment = all.find((a) => a.id === "a-shipment");
        assert.deepEqual(
          { ...shipment, ingestedAt: "" },
          {
            id: "a-shipment",
            source: shipmentReport.article.source,
            url: shipmentReport.article.url,
            title: shipmentReport.article.title,
            outlet: "Harbor Ledger",
            claimedSource: null,
            published: "2024-03-02",
            ingestedAt: "",
            entityCount: 5,
            claimCount: 2,
            flagCount: 1,
          },
        );
        assert.deepEqual(
          (await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id),
          ["a-shipment"],
        );
        assert.deepEqual(
          (await store.listArticles({ offset: 2 })).map((a) => a.id),
          ["c-drones"],
        );
        assert.deepEqual(
          (await store.listArticles({ outlet: "Pacific Wire" })).map((a) => a.id),
          ["b-missile"],
        );
        assert.deepEqual(
          (await store.listArticles({ from: "2024-03-01", to: "2024-03-02" })).map((a) => a.id),
          ["a-shipment"],
        );
        assert.deepEqual(
          (await store.listArticles({ ids: ["c-drones", "b-missile", "no-such-article"] })).map((a) => a.id),
          ["b-missile", "c-drones"],
        );
        assert.deepEqual(await store.listArticles({ ids: [] }), []);
        assert.equal(await store.countArticles(), 3);
        const outlets = new Map<string, number>();
        for (const a of await store.listArticles())
          if (a.outlet) outlets.set(a.outlet, (outlets.get(a.outlet) ?? 0) + 1);
        assert.ok(outlets.size > 0);
        assert.deepEqual(
          await store.listOutlets(),
          [...outlets]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([outlet, articles]) => ({ outlet, articles })),
        );
      }, fixtureArticles));

    it("iterates every article in ingest order, across pages", () =>
      withStore(
        async (store) => {
          const ids: string[] = [];
          for await (const a of store.iterateArticles(2)) ids.push(a.article.id);
          assert.deepEqual(ids, ["c-drones", "a-shipment", "b-missile"]);
          const first = await store.iterateArticles(1)[Symbol.asyncIterator]().next();
          assert.equal(first.value?.article.body, droneReport.article.body);
        },
        [droneReport, shipmentReport, missileReport],
      ));

    it("finds articles by words and phrases, stemmed, with «marked» snippets", () =>
      withStore(async (store) => {
        const hits = await store.search({ text: "artillery shell" });
        assert.deepEqual(
          hits.map((h) => h.id),
          ["a-shipment"],
        );
        const shipment = hits.find((h) => h.id === "a-shipment");
        assert.ok(shipment);
        assert.match(shipment.snippet, /«[Aa]rtillery»/);
        assert.equal(shipment.outlet, "Harbor Ledger");
        assert.equal(shipment.published, "2024-03-02");
        assert.ok(Number.isFinite(shipment.score));
        assert.deepEqual(
          (await store.search({ text: '"ballistic missiles"' })).map((h) => h.id),
          ["b-missile"],
        );
        assert.deepEqual(await store.search({ text: '"missiles ballistic"' }), []);
        assert.deepEqual((await store.search({ text: "drones or missiles" })).map((h) => h.id).sort(), [
          "b-missile",
          "c-drones",
        ]);
        assert.deepEqual(
          (await store.search({ text: "artillery -Vostochny" })).map((h) => h.id),
          ["b-missile"],
        );
      }, fixtureArticles));

    it("ranks a title match above a passing mention in the body", () =>
      withStore(async (store) => {
        const hits = await store.search({ text: "artillery" });
        assert.deepEqual(
          hits.map((h) => h.id),
          ["a-shipment", "b-missile"],
        );
        assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
      }, fixtureArticles));

    it("narrows a search by outlet, entity, claim type, stance and date range", () =>
      withStore(async (store) => {
        const ids = async (q: Parameters<Store["search"]>[0]) =>
          (await store.search(q)).map((h) => h.id).sort();
        assert.deepEqual(await ids({ text: "artillery", outlet: "Pacific Wire" }), ["b-missile"]);
        assert.deepEqual(await ids({ text: "artillery", entity: "person:park-min-ho" }), ["a-shipment"]);
        assert.deepEqual(await ids({ text: "artillery", entity: "japan" }), ["b-missile"]);
        assert.deepEqual(await ids({ text: "artillery", entity: "PYŎNGYANG" }), ["a-shipment", "b-missile"]);
        assert.deepEqual(await ids({ text: "artillery", claimType: "WEAPONS_TEST" }), ["b-missile"]);
        assert.deepEqual(await ids({ text: "artillery", stance: "DENY" }), ["a-shipment"]);
        assert.deepEqual(await ids({ text: "artillery", claimType: "WEAPONS_TEST", stance: "DENY" }), []);
        assert.deepEqual(await ids({ text: "artillery", from: "2024-03-03" }), ["b-missile"]);
        assert.deepEqual(await ids({ text: "artillery", to: "2024-03-03" }), ["a-shipment"]);
        assert.deepEqual(await ids({ text: "artillery", limit: 1, offset: 1 }), ["b-missile"]);
      }, fixtureArticles));

    it("takes any user text without a syntax error", () =>
      withStore(async (store) => {
        const odd = [
          "",
          "   ",
          '"',
          '"artillery',
          'shells"',
          "AND",
          "artillery AND shells",
          "OR",
          "NOT",
          "*",
          "shell*",
          "NEAR(a b)",
          "title:artillery",
          "(((",
          "a^b & | ! <->",
          "'; drop table articles; --",
          "%_\\",
          "Pyŏngyang",
          "доказательств",
          "🚀 missiles",
        ];
        for (const text of odd) {
          await assert.doesNotReject(store.search({ text }), `search ${JSON.stringify(text)}`);
        }
        assert.deepEqual(await store.search({ text: "" }), []);
        assert.deepEqual((await store.search({ text: '"artillery' })).map((h) => h.id).sort(), [
          "a-shipment",
          "b-missile",
        ]);
        assert.deepEqual(
          (await store.search({ text: "artillery AND Vostochny" })).map((h) => h.id),
          ["a-shipment"],
        );
        assert.deepEqual(
          (await store.search({ text: "Pyŏngyang" })).map((h) => h.id),
          ["a-shipment"],
        );
        assert.deepEqual(
          (await store.search({ text: "доказательств" })).map((h) => h.id),
          ["c-drones"],
        );
        assert.equal(await store.countArticles(), 3);
      }, fixtureArticles));

    it("filters claims by type, stance, article and entity (key, name or alias)", () =>
      withStore(async (store) => {
        const all = await store.listClaims();
        assert.equal(all.length, 4);
        const denial = all.find((c) => c.stance === "DENY");
        assert.ok(denial);
        assert.equal(denial.articleId, "a-shipment");
        assert.equal(denial.index, 1);
        assert.equal(denial.outlet, "Harbor Ledger");
        assert.equal(denial.published, "2024-03-02");
        assert.equal(denial.source, shipmentReport.article.source);
        assert.deepEqual(denial.evidence, shipmentReport.claims[1]?.evidence);
        const keyOf = (cs: { articleId: string; index: number }[]) =>
          cs.map((c) => `${c.articleId}#${c.index}`).sort();
        assert.deepEqual(keyOf(await store.listClaims({ type: "ARMS_TRANSFER" })), [
          "a-shipment#0",
          "a-shipment#1",
        ]);
        assert.deepEqual(keyOf(await store.listClaims({ stance: "HEDGE" })), ["c-drones#0"]);
        assert.deepEqual(keyOf(await store.listClaims({ articleId: "b-missile" })), ["b-missile#0"]);
        const withKorea = ["a-shipment#0", "a-shipment#1", "b-missile#0"];
        assert.deepEqual(keyOf(await store.listClaims({ entity: "state:KP" })), withKorea);
        assert.deepEqual(keyOf(await store.listClaims({ entity: "north korea" })), withKorea);
        assert.deepEqual(keyOf(await store.listClaims({ entity: "PYŎNGYANG" })), withKorea);
        assert.deepEqual(keyOf(await store.listClaims({ entity: "Iran", stance: "HEDGE" })), ["c-drones#0"]);
        assert.deepEqual(keyOf(await store.listClaims({ entity: "analysts" })), ["c-drones#0"]);
        assert.deepEqual(await store.listClaims({ entity: "Atlantis" }), []);
        assert.deepEqual(keyOf(await store.listClaims({ entity: "state:KP", limit: 1, offset: 1 })), [
          "a-shipment#1",
        ]);
        // The count is of every match, whatever page was asked for.
        assert.equal(await store.countClaims(), 4);
        assert.equal(await store.countClaims({ type: "ARMS_TRANSFER" }), 2);
        assert.equal(await store.countClaims({ entity: "north korea" }), withKorea.length);
        assert.equal(await store.countClaims({ entity: "state:KP", limit: 1, offset: 1 }), withKorea.length);
        assert.equal(await store.countClaims({ entity: "Iran", stance: "HEDGE" }), 1);
        assert.equal(await store.countClaims({ entity: "Atlantis" }), 0);
      }, fixtureArticles));

    it("lists an article's attributions with their index", () =>
      withStore(async (store) => {
        const attributions = await store.listAttributions("a-shipment");
        assert.deepEqual(attributions, [
          { ...shipmentReport.attributions[0], articleId: "a-shipment", index: 0 },
        ]);
        assert.deepEqual(await store.listAttributions("b-missile"), []);
      }, fixtureArticles));

    it("groups entities by key across articles", () =>
      withStore(async (store) => {
        const entities = await store.listEntities();
        const korea = entities.find((e) => e.key === "state:KP");
        assert.ok(korea);
        assert.equal(korea.name, "North Korea");
        assert.equal(korea.type, "STATE");
        assert.equal(korea.articleCount, 2);
        // "Pyŏngyang" once in the shipment report, "North Korea" once in the missile report.
        assert.equal(korea.mentionCount, 2);
        assert.equal(korea.aliases[0], "North Korea");
        assert.deepEqual([...korea.aliases].sort(), ["North Korea", "Pyŏngyang"]);
        const russia = entities.find((e) => e.key === "state:RU");
        assert.equal(russia?.articleCount, 2);
        assert.ok(entities.indexOf(korea) < entities.findIndex((e) => e.key === "state:JP"));
        const park = entities.find((e) => e.key === "person:park-min-ho");
        assert.deepEqual(park?.roles, ["defense ministry spokesman"]);
        assert.deepEqual((await store.listEntities({ type: "WEAPON" })).map((e) => e.key).sort(), [
          "weapon:artillery-shell",
          "weapon:drone",
        ]);
        assert.deepEqual(
          (await store.listEntities({ name: "pyŏng" })).map((e) => e.key),
          ["state:KP"],
        );
        assert.equal((await store.listEntities({ limit: 2 })).length, 2);
        const occurrences = await store.getEntityOccurrences("state:KP");
        assert.deepEqual(
          occurrences.map((o) => o.articleId),
          ["a-shipment", "b-missile"],
        );
        assert.deepEqual(occurrences[0], {
          ...shipmentReport.entities.find((e) => e.key === "state:KP"),
          articleId: "a-shipment",
        });
        assert.deepEqual(await store.getEntityOccurrences("state:XX"), []);
        // One key twice in one article (two surface entities linked to one record) is one article.
        await store.putArticle(
          makeArticle({
            id: "f-twice",
            title: "Two names, one state",
            outlet: "Pacific Wire",
            published: "2024-03-09",
            body: "The DPRK and North Korea's envoy both appear here; the DPRK again.",
            entities: [
              { key: "state:KP", name: "North Korea", type: "STATE", forms: ["North Korea"] },
              { key: "state:KP", name: "DPRK", type: "STATE", forms: ["DPRK"] },
            ],
          }),
        );
        const after = (await store.listEntities({ name: "dprk" }))[0];
        assert.equal(after?.articleCount, 3);
        assert.equal(after?.mentionCount, 2 + 1 + 2);
        assert.equal(after?.name, "North Korea");
        assert.ok(after?.aliases.includes("DPRK"));
      }, fixtureArticles));

    it("sums every occurrence of an entity into one profile, and gives its occurrences a page at a time", () =>
      withStore(async (store) => {
        const later = makeArticle({
          id: "g-possessive",
          title: "An envoy and a vessel",
          outlet: "Pacific Wire",
          published: "2024-03-10",
          body: "North Korea's envoy met North Korea officials; the DPRK said nothing of the tanker.",
          entities: [
            {
              key: "state:KP",
              name: "North Korea",
              type: "STATE",
              forms: ["North Korea", "DPRK"],
              roles: ["host"],
            },
          ],
        });
        const korea = later.entities[0]!;
        // As the entity stage writes a possessive: the mention's text keeps the 's.
        korea.mentions[0] = { ...korea.mentions[0]!, text: "North Korea's", end: korea.mentions[0]!.end + 2 };
        const link = { reference: "KPe.999", name: "Example Trading", score: 0.91, features: { name: 0.91 } };
        later.entities[0] = { ...korea, sanctions: [link], imo: "9123456" };
        await store.putArticle(later);

        const all = await store.getEntityOccurrences("state:KP");
        assert.deepEqual(
          all.map((o) => o.articleId),
          ["a-shipment", "b-missile", "g-possessive"],
        );
        assert.deepEqual(
          (await store.getEntityOccurrences("state:KP", { limit: 2, offset: 1 })).map((o) => o.articleId),
          ["b-missile", "g-possessive"],
        );
        assert.deepEqual(
          (await store.getEntityOccurrences("state:KP", { offset: 2 })).map((o) => o.articleId),
          ["g-possessive"],
        );
        assert.deepEqual(await store.getEntityOccurrences("state:KP", { limit: 1 }), all.slice(0, 1));

        const profile = await store.getEntityProfile("state:KP");
        assert.ok(profile);
        const { forms, ...rest } = profile;
        assert.deepEqual(rest, {
          key: "state:KP",
          name: "North Korea",
          type: "STATE",
          country: "KP",
          imo: "9123456",
          occurrenceCount: 3,
          articleCount: 3,
          mentionCount: all.reduce((n, o) => n + o.mentions.length, 0),
          roles: { host: 1 },
          sanctions: [link],
        });
        const byForm = new Map(forms.map((f) => [f.form, f]));
        // "North Korea's" counts as "North Korea": once in the missile report, twice in the later one.
        assert.deepEqual(byForm.get("North Korea"), {
          form: "North Korea",
          mentions: 3,
          articles: 2,
          via: { name: 3 },
        });
        assert.deepEqual(byForm.get("DPRK"), { form: "DPRK", mentions: 1, articles: 1, via: { alias: 1 } });
        assert.deepEqual(byForm.get("Pyŏngyang"), {
          form: "Pyŏngyang",
          mentions: 1,
          articles: 1,
          via: { alias: 1 },
        });
        assert.equal(byForm.size, 3);
        assert.equal(await store.getEntityProfile("state:XX"), null);
      }, fixtureArticles));

    it("replaces stories and duplicates as a whole, and keeps the old ones if the new set fails", () =>
      withStore(async (store) => {
        const first: Story[] = [
          {
            id: "s1",
            title: "Shells by sea",
            start: "2024-03-02",
            end: "2024-03-02",
            articleIds: ["a-shipment"],
          },
          {
            id: "s2",
            title: "Launches and drones",
            start: "2024-03-05",
            end: "2024-03-05",
            articleIds: ["b-missile", "c-drones"],
          },
        ];
        await store.saveClustering({
          stories: first,
          duplicates: [{ articleId: "c-drones", duplicateOf: "b-missile", similarity: 0.75, kind: "near" }],
        });
        assert.deepEqual(await store.listStories(), first);
        assert.deepEqual(await store.getStory("s2"), first[1]);
        assert.equal(await store.getStory("s9"), null);
        assert.deepEqual(await store.listDuplicates(), [
          { articleId: "c-drones", duplicateOf: "b-missile", similarity: 0.75, kind: "near" },
        ]);
        const second: Story[] = [
          {
            id: "s3",
            title: "All of it",
            start: null,
            end: null,
            articleIds: ["c-drones", "a-shipment", "b-missile"],
          },
        ];
        await store.saveClustering({ stories: second, duplicates: [] });
        assert.deepEqual(await store.listStories(), second);
        assert.deepEqual(await store.listDuplicates(), []);
        // Two stories with one id cannot be stored: the whole save fails and the previous result stays.
        await assert.rejects(
          store.saveClustering({
            stories: [
              { id: "dup", title: "x", start: null, end: null, articleIds: [] },
              { id: "dup", title: "y", start: null, end: null, articleIds: [] },
            ],
            duplicates: [],
          }),
        );
        assert.deepEqual(await store.listStories(), second);
      }, fixtureArticles));

    it("keeps story decisions across re-clustering, in order", () =>
      withStore(async (store) => {
        const merge = {
          kind: "merge" as const,
          articleIds: ["a-shipment", "b-missile"],
          createdAt: "2024-04-01T10:00:00Z",
        };
        const split = { kind: "split" as const, articleIds: ["c-drones"], createdAt: "2024-04-02T09:30:00Z" };
        await store.addStoryDecision(merge);
        await store.addStoryDecision(split);
        await store.saveClustering({ stories: [], duplicates: [] });
        assert.deepEqual(await store.listStoryDecisions(), [merge, split]);
      }, fixtureArticles));

    it("replaces the ledger as a whole and reads an empty one before any is saved", () =>
      withStore(async (store) => {
        assert.deepEqual(await store.getLedger(), { claims: [], discrepancies: [] });
        const claim: CanonicalClaim = {
          id: "k1",
          type: "ARMS_TRANSFER",
          subject: "North Korea",
          object: "Russia",
          item: "artillery shells",
          quantity: { text: "some 3,000", value: 3000, approximate: true },
          when: "2024-02",
          actors: ["state:KP", "state:RU"],
          storyIds: ["st_1"],
          firstSeen: "2024-03-02",
          lastSeen: "2024-03-02",
          holders: [
            { holder: "South Korea", stance: "ASSERT", mentions: 1 },
            { holder: "Russia", stance: "DENY", mentions: 1 },
          ],
          evidence: [
            {
              articleId: "a-shipment",
              source: shipmentReport.article.source,
              outlet: "Harbor Ledger",
              published: "2024-03-02",
              holder: "South Korea",
              holderKind: "speaker",
              stance: "ASSERT",
              when: "2024-02",
              whenText: "in February",
              evidence: shipmentReport.claims[0]!.evidence,
              duplicateOf: null,
              sourceKey: "speaker:south korea",
            },
          ],
          mentions: 2,
          outlets: 1,
          independentSources: 1,
          contested: true,
        };
        const ledger: Ledger = {
          claims: [claim, { ...claim, id: "k2", contested: false, holders: [] }],
          discrepancies: [
            {
              kind: "STANCE_CONFLICT",
              message: "asserted and denied",
              claimIds: ["k1"],
              articleIds: ["a-shipment"],
            },
          ],
        };
        await store.saveLedger(ledger);
        assert.deepEqual(await store.getLedger(), ledger);
        const smaller: Ledger = { claims: [{ ...claim, id: "k3" }], discrepancies: [] };
        await store.saveLedger(smaller);
        assert.deepEqual(await store.getLedger(), smaller);
      }));

    it("round-trips the sanctions list and replaces it whole", () =>
      withStore(async (store) => {
        assert.equal(await store.getSanctionsList(), null);
        const list: SanctionsList = {
          generated: "2024-02-28",
          source: "consolidated.xml",
          entries: [
            {
              reference: "KPi.901",
              kind: "person",
              name: "Ri Chol-su",
              aliases: ["Ri Cholsu"],
              regime: "DPRK",
              listedOn: "2017-06-02",
              nationality: ["KP"],
              birthDates: ["1961-05-09"],
              imo: null,
              comments: null,
            },
            {
              reference: "KPe.902/vessel/SEA STAR 7",
              kind: "vessel",
              name: "SEA STAR 7",
              aliases: [],
              regime: "DPRK",
              listedOn: null,
              nationality: [],
              birthDates: [],
              imo: "9000001",
              comments: "Derived from the listing of its owner.",
            },
          ],
        };
        await store.saveSanctionsList(list);
        assert.deepEqual(await store.getSanctionsList(), list);
        const next = { ...list, generated: "2024-05-01", entries: list.entries.slice(1) };
        await store.saveSanctionsList(next);
        assert.deepEqual(await store.getSanctionsList(), next);
      }));

    it("keeps a record of problems, in order, with the time", () =>
      withStore(async (store) => {
        const a = {
          source: "feeds/bad.xml",
          code: "FEED_PARSE",
          message: "not a feed",
          hint: "check the URL",
        };
        const b = { source: "inbox/empty.txt", code: "EMPTY", message: "no text", hint: "skip it" };
        await store.recordProblem(a);
        await store.recordProblem(b);
        const problems = await store.listProblems();
        assert.deepEqual(
          problems.map(({ at: _at, ...p }) => p),
          [a, b],
        );
        assert.ok(problems.every((p) => !Number.isNaN(Date.parse(p.at))));
      }));

    it("keeps API token hashes, lists them oldest first, and revokes a token once", () =>
      withStore(async (store) => {
        const first = {
          id: "tk1",
          name: "desk",
          hash: "a".repeat(64),
          createdAt: "2024-05-01T10:00:00.000Z",
          revokedAt: null,
        };
        const second = { ...first, id: "tk2", name: "ingest bot", createdAt: "2024-05-02T10:00:00.000Z" };
        await store.saveToken(second);
        await store.saveToken(first);
        assert.deepEqual(await store.getToken("tk1"), first);
        assert.equal(await store.getToken("nope"), null);
        assert.deepEqual(await store.listTokens(), [first, second]);
        await assert.rejects(store.saveToken(first), "a token id is never stored twice");
        assert.equal(await store.revokeToken("tk1", "2024-06-01T00:00:00.000Z"), true);
        assert.equal(await store.revokeToken("tk1", "2024-07-01T00:00:00.000Z"), false);
        assert.equal(await store.revokeToken("nope", "2024-07-01T00:00:00.000Z"), false);
        assert.equal((await store.getToken("tk1"))?.revokedAt, "2024-06-01T00:00:00.000Z");
      }));

    it("stores text with NUL characters, replaced by U+FFFD so offsets still hold", () =>
      withStore(async (store) => {
        const doc = makeArticle({
          id: "e-nul",
          title: "Garbled\u0000 feed item",
          outlet: "Feed\u0000Desk",
          published: "2024-02-02",
          body: "Customs seized\u0000 rifles at the port of Nampo.",
          entities: [{ key: "place:nampo", name: "Nampo", type: "PLACE", forms: ["Nampo"] }],
        });
        assert.equal((await store.putArticle(doc)).inserted, true);
        const got = await store.getArticle("e-nul");
        assert.equal(got?.article.body, "Customs seized\ufffd rifles at the port of Nampo.");
        const mention = got?.entities[0]?.mentions[0];
        assert.equal(got?.article.body.slice(mention?.start, mention?.end), "Nampo");
        assert.deepEqual(
          (await store.search({ text: "rifles" })).map((h) => h.id),
          ["e-nul"],
        );
      }));

    it("stores articles with many parts in one go", () =>
      withStore(async (store) => {
        const body = Array.from(
          { length: 400 },
          (_, i) => `Convoy ${i} crossed the river near Sinuiju.`,
        ).join(" ");
        const big = makeArticle({
          id: "d-convoys",
          title: "Convoys",
          outlet: "Border Monitor",
          published: "2024-01-10",
          body,
          entities: Array.from({ length: 450 }, (_, i) => ({
            key: `place:convoy-${i}`,
            name: `Convoy ${i}`,
            type: "EVENT" as const,
            forms: [`Convoy ${i} crossed`],
          })),
        });
        assert.equal((await store.putArticle(big)).inserted, true);
        assert.deepEqual(await store.getArticle("d-convoys").then((a) => a?.entities.length), 450);
        assert.equal((await store.listEntities({ type: "EVENT" })).length, 450);
      }));

    it("runs holders of one lock one at a time, other locks alongside, and store writes inside", () =>
      withStore(async (store) => {
        const events: string[] = [];
        let inside = 0;
        let most = 0;
        const hold = (n: number) =>
          store.withExclusiveLock("corpus", async () => {
            inside++;
            most = Math.max(most, inside);
            events.push(`in ${n}`);
            await new Promise((resolve) => setTimeout(resolve, 15));
            // Another lock name is free meanwhile, and the store can be written while holding a lock.
            await store.withExclusiveLock(`other-${n}`, () => store.putArticle(fixtureArticles[n]!));
            events.push(`out ${n}`);
            inside--;
            return n * 10;
          });
        assert.deepEqual(await Promise.all([hold(0), hold(1), hold(2)]), [0, 10, 20]);
        assert.equal(most, 1, `never two holders at once: ${events.join(", ")}`);
        for (let i = 0; i < events.length; i += 2)
          assert.equal(events[i + 1], events[i]!.replace("in", "out"));
        assert.equal(await store.countArticles(), 3);
      }));

    it("lets a lock go when its holder throws, is re-entrant, and times out with a hint", () =>
      withStore(async (store) => {
        await assert.rejects(
          store.withExclusiveLock("corpus", async () => {
            throw new Error("refresh failed");
          }),
          /refresh failed/,
        );
        // Taken again at once (it was let go), also from inside itself.
        const nested = await store.withExclusiveLock(
          "corpus",
          () => store.withExclusiveLock("corpus", async () => "nested"),
          { waitMs: 1_000 },
        );
        assert.equal(nested, "nested");
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let entered = () => {};
        const isHeld = new Promise<void>((resolve) => {
          entered = resolve;
        });
        const holder = store.withExclusiveLock("corpus", async () => {
          entered();
          await held;
        });
        await isHeld;
        await assert.rejects(
          store.withExclusiveLock("corpus", async () => "never", { waitMs: 60 }),
          (error: Error & { code?: string; hint?: string }) => {
            assert.equal(error.code, "STORE_LOCK_TIMEOUT");
            assert.match(error.message, /corpus/);
            assert.ok(error.hint);
            return true;
          },
        );
        release();
        await holder;
        assert.equal(await store.withExclusiveLock("corpus", async () => "free", { waitMs: 1_000 }), "free");
      }));
  });
}

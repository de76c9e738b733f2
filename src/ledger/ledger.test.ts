import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ArticleSpec, type ClaimSpec, makeArticle } from "../store/fixtures.js";
import type { AnalyzedArticle, DuplicateLink, Story } from "../types.js";
import { buildLedger, ledgerArticleOf } from "./ledger.js";

const NK = {
  key: "state:KP",
  name: "North Korea",
  type: "STATE" as const,
  forms: ["North Korea", "Pyongyang"],
};
const RU = { key: "state:RU", name: "Russia", type: "STATE" as const, forms: ["Russia", "Moscow"] };
const SK = { key: "state:KR", name: "South Korea", type: "STATE" as const, forms: ["South Korea", "Seoul"] };

const ACCUSATION =
  "North Korea has shipped roughly 12,000 containers of artillery shells to Russia, South Korea's defense ministry said.";
const DENIAL = "Pyongyang denied that it had sent any artillery shells to Russia.";

function accuse(extra: Partial<ClaimSpec> = {}): ClaimSpec {
  return {
    type: "ARMS_TRANSFER",
    subject: "North Korea",
    object: "Russia",
    item: "artillery shells",
    holder: "South Korea",
    stance: "ASSERT",
    actors: ["state:KP", "state:RU", "state:KR"],
    quantity: { text: "roughly 12,000", value: 12000, approximate: true },
    evidence: ACCUSATION,
    ...extra,
  };
}

function article(spec: Partial<ArticleSpec> & Pick<ArticleSpec, "id">): AnalyzedArticle {
  return makeArticle({
    title: spec.id,
    outlet: `${spec.id} outlet`,
    published: "2025-03-06",
    body: ACCUSATION,
    entities: [NK, RU, SK],
    ...spec,
  });
}

function build(docs: AnalyzedArticle[], duplicates: DuplicateLink[] = [], stories?: Story[]) {
  return buildLedger({
    articles: docs.map(ledgerArticleOf),
    duplicates,
    stories: stories ?? [
      { id: "s1", title: "t", start: null, end: null, articleIds: docs.map((d) => d.article.id) },
    ],
  });
}

const copyOf = (articleId: string, duplicateOf: string): DuplicateLink => ({
  articleId,
  duplicateOf,
  similarity: 0.9,
  kind: "near",
});

describe("buildLedger: independent sources", () => {
  it("counts a speaker once however many outlets relay it, and copies as their original", () => {
    const docs = [
      article({ id: "wire", outlet: "Korea Wire", claims: [accuse()] }),
      article({ id: "copy", outlet: "Metro Asia", claims: [accuse()] }),
      article({ id: "herald", outlet: "Peninsula Herald", claims: [accuse()] }),
      article({
        id: "own-voice",
        outlet: "Harbor Line",
        claims: [accuse({ holder: "Harbor Line", holderKind: "outlet" })],
      }),
      article({
        id: "own-voice-copy",
        outlet: "Daily Buzz",
        claims: [accuse({ holder: "Daily Buzz", holderKind: "outlet" })],
      }),
    ];
    const { claims } = build(docs, [copyOf("copy", "wire"), copyOf("own-voice-copy", "own-voice")]);
    assert.equal(claims.length, 1);
    const c = claims[0]!;
    assert.equal(c.mentions, 5);
    assert.equal(c.outlets, 5);
    // South Korea (relayed by three outlets, one a copy) and Harbor Line in its own voice (copied once).
    assert.equal(c.independentSources, 2);
    assert.deepEqual(c.sources?.map((s) => [s.key, s.stance, s.articleIds.length]).sort(), [
      ["outlet:harbor line", "ASSERT", 2],
      ["speaker:state:KR", "ASSERT", 3],
    ]);
    assert.equal(c.evidence.find((e) => e.articleId === "copy")?.duplicateOf, "wire");
  });

  it("adds no source for a copy whose same text was read with another holder", () => {
    const docs = [
      article({ id: "wire", outlet: "Korea Wire", claims: [accuse()] }),
      article({ id: "copy", outlet: "Metro Asia", claims: [accuse({ holder: "The ministry" })] }),
      article({ id: "orphan-copy", outlet: "Daily Buzz", claims: [accuse({ holder: "Analysts" })] }),
    ];
    // "orphan-copy" copies an article that made no claim here: it stands for that original and counts.
    const { claims } = build(docs, [copyOf("copy", "wire"), copyOf("orphan-copy", "elsewhere")]);
    const c = claims[0]!;
    assert.equal(c.mentions, 3);
    assert.equal(c.independentSources, 2);
    assert.deepEqual(c.sources?.map((s) => [s.key, s.articleIds.sort()]).sort(), [
      ["speaker:name:analysts", ["orphan-copy"]],
      ["speaker:state:KR", ["copy", "wire"]],
    ]);
  });

  it("counts only assertions as support", () => {
    const docs = [article({ id: "hedge", claims: [accuse({ stance: "HEDGE", holder: "Analysts" })] })];
    assert.equal(build(docs).claims[0]!.independentSources, 0);
  });
});

describe("buildLedger: accusers and deniers side by side", () => {
  it("puts a denial in the accusation's claim whatever its own date, and flags the conflict", () => {
    const docs = [
      article({ id: "accusation", claims: [accuse({ when: "2024-08", whenText: "since last August" })] }),
      article({
        id: "denial",
        published: "2025-03-08",
        body: DENIAL,
        claims: [
          accuse({
            holder: "North Korea",
            stance: "DENY",
            item: "artillery shells",
            quantity: null,
            when: "2025-03-08",
            whenText: "on Saturday",
            evidence: DENIAL,
          }),
        ],
      }),
    ];
    const { claims, discrepancies } = build(docs);
    assert.equal(claims.length, 1);
    const c = claims[0]!;
    assert.equal(c.contested, true);
    assert.deepEqual(
      c.holders.map((h) => `${h.holder} ${h.stance}`),
      ["South Korea ASSERT", "North Korea DENY"],
    );
    assert.equal(c.when, "2024-08", "the accusation dates the claim");
    const conflict = discrepancies.find((d) => d.kind === "STANCE_CONFLICT");
    assert.match(conflict?.message ?? "", /South Korea asserts .* North Korea denies it/);
  });

  it("lets a denial that names no object join its story's claim", () => {
    const docs = [
      article({ id: "accusation", claims: [accuse()] }),
      article({
        id: "denial",
        body: "North Korea has never exported munitions to any country.",
        claims: [
          {
            type: "ARMS_TRANSFER",
            subject: "North Korea",
            object: null,
            item: "munitions",
            holder: "KCNA",
            stance: "DENY",
            actors: ["state:KP"],
            evidence: "North Korea has never exported munitions to any country.",
          },
        ],
      }),
    ];
    const { claims } = build(docs);
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.object, "Russia");
    assert.equal(claims[0]!.contested, true);
  });

  it("keeps the same undated accusation months later, in another story, a claim of its own", () => {
    const docs = [
      article({ id: "march", claims: [accuse({ quantity: null })] }),
      article({ id: "june", published: "2025-06-20", claims: [accuse({ quantity: null })] }),
    ];
    const stories: Story[] = [
      { id: "s1", title: "t", start: null, end: null, articleIds: ["march"] },
      { id: "s2", title: "t", start: null, end: null, articleIds: ["june"] },
    ];
    const { claims } = build(docs, [], stories);
    assert.equal(claims.length, 2);
    assert.deepEqual(claims.map((c) => c.storyIds.join()).sort(), ["s1", "s2"]);
  });
});

describe("buildLedger: stale copies", () => {
  it("re-anchors a stale copy's 'on Friday' to the original's publication date and says so", () => {
    const statement = "Kim Yo Jong on Friday denied that Pyongyang had supplied weapons to Russia.";
    const claim = (when: string): ClaimSpec => ({
      type: "ARMS_TRANSFER",
      subject: "North Korea",
      object: "Russia",
      holder: "Kim Yo Jong",
      stance: "DENY",
      actors: ["state:KP", "state:RU"],
      when,
      whenText: "on Friday",
      evidence: statement,
    });
    const docs = [
      article({ id: "original", published: "2025-05-04", body: statement, claims: [claim("2025-05-02")] }),
      // The copy's own extraction resolved "on Friday" against its own date, three weeks later.
      article({ id: "stale", published: "2025-05-27", body: statement, claims: [claim("2025-05-23")] }),
    ];
    const { claims, discrepancies } = build(docs, [copyOf("stale", "original")]);
    assert.equal(claims.length, 1);
    const stale = claims[0]!.evidence.find((e) => e.articleId === "stale")!;
    assert.equal(stale.when, "2025-05-02");
    assert.deepEqual(stale.reanchored, { from: "2025-05-23", against: "2025-05-04" });
    const flagged = discrepancies.find((d) => d.kind === "STALE_COPY");
    assert.deepEqual(flagged?.articleIds, ["stale", "original"]);
    assert.match(flagged?.message ?? "", /23 days later/);
  });
});

describe("buildLedger: contradictions", () => {
  it("flags an accuser reported as the actor of what it accuses another of", () => {
    const swapped = "South Korea has moved about 7,000 crates of munitions to Russia, the report said.";
    const docs = [
      article({ id: "right", claims: [accuse()] }),
      article({
        id: "garbled",
        body: swapped,
        claims: [
          {
            type: "ARMS_TRANSFER",
            subject: "South Korea",
            object: "Russia",
            item: "munitions",
            quantity: { text: "about 7,000", value: 7000, approximate: true },
            holder: "South Korea",
            stance: "ASSERT",
            actors: ["state:KR", "state:RU"],
            evidence: swapped,
          },
        ],
      }),
    ];
    const swap = build(docs).discrepancies.filter((d) => d.kind === "ACTOR_SWAP");
    assert.equal(swap.length, 1);
    assert.match(swap[0]!.message, /South Korea is reported as the actor of what it accuses North Korea of/);
  });

  it("does not call goods going both ways a swap", () => {
    const back = "Russia supplied North Korea with satellite technology in return.";
    const docs = [
      article({ id: "shells", claims: [accuse()] }),
      article({
        id: "technology",
        body: back,
        claims: [
          {
            type: "ARMS_TRANSFER",
            subject: "Russia",
            object: "North Korea",
            item: "satellite technology",
            holder: "Analysts",
            stance: "HEDGE",
            actors: ["state:RU", "state:KP"],
            evidence: back,
          },
        ],
      }),
    ];
    assert.deepEqual(
      build(docs).discrepancies.filter((d) => d.kind === "ACTOR_SWAP"),
      [],
    );
  });

  it("flags different numbers for one shipment in one story, not in two", () => {
    const docs = [
      article({ id: "a", claims: [accuse()] }),
      article({
        id: "b",
        claims: [accuse({ quantity: { text: "about 5,000", value: 5000, approximate: true } })],
      }),
    ];
    const conflict = build(docs).discrepancies.filter((d) => d.kind === "QUANTITY_CONFLICT");
    assert.equal(conflict.length, 1);
    assert.match(conflict[0]!.message, /roughly 12,000 in one report, about 5,000 in another/);
    const apart: Story[] = [
      { id: "s1", title: "t", start: null, end: null, articleIds: ["a"] },
      { id: "s2", title: "t", start: null, end: null, articleIds: ["b"] },
    ];
    assert.equal(
      build(docs, [], apart).discrepancies.filter((d) => d.kind === "QUANTITY_CONFLICT").length,
      0,
    );
  });

  it("flags a person given two posts of one kind, not a post said two ways", () => {
    const spokesman = (id: string, role: string) =>
      article({
        id,
        body: `Ri Song Chol, the ${role}, spoke to reporters.`,
        entities: [
          {
            key: "person:ri-song-chol",
            name: "Ri Song Chol",
            type: "PERSON",
            forms: ["Ri Song Chol"],
            roles: [role],
          },
        ],
      });
    const conflicts = (roles: string[]) =>
      build(roles.map((r, i) => spokesman(`k${i}`, r))).discrepancies.filter(
        (d) => d.kind === "ROLE_CONFLICT",
      );
    assert.equal(conflicts(["trade ministry spokesman", "defense ministry spokesman"]).length, 1);
    assert.equal(conflicts(["foreign ministry spokesman", "spokesman"]).length, 0);
    // One body in two spellings is no conflict.
    assert.equal(conflicts(["defence ministry spokesman", "defense ministry spokesman"]).length, 0);
    assert.equal(
      conflicts(["vice-minister of dprk foreign ministry", "vice-minister of foreign affairs"]).length,
      0,
    );
    assert.equal(conflicts(["on president", "since president"]).length, 0);
  });

  it("flags a page presenting itself as another outlet's", () => {
    const doc = article({ id: "rewrite", outlet: "Daily Buzz" });
    doc.article.claimedSource = "BBC.co.uk";
    doc.article.url = "https://dailybuzz.example/kim-tours-factories";
    const honest = article({ id: "bbc", outlet: "BBC" });
    honest.article.claimedSource = "BBC.co.uk";
    const found = build([doc, honest]).discrepancies.filter((d) => d.kind === "CLAIMED_SOURCE_MISMATCH");
    assert.deepEqual(
      found.map((d) => d.articleIds),
      [["rewrite"]],
    );
  });
});

describe("buildLedger: claims that name no party", () => {
  const vague = (id: string): AnalyzedArticle =>
    article({
      id,
      body: "The threat on the peninsula is growing.",
      claims: [
        accuse({
          type: "THREAT",
          subject: null,
          object: null,
          item: null,
          quantity: null,
          holder: `${id} outlet`,
          evidence: "The threat on the peninsula is growing.",
        }),
      ],
    });

  it("keeps them apart across stories, even published the same week", () => {
    const docs = [vague("a"), vague("b")];
    const stories: Story[] = [
      { id: "s1", title: "t", start: null, end: null, articleIds: ["a"] },
      { id: "s2", title: "t", start: null, end: null, articleIds: ["b"] },
    ];
    assert.equal(build(docs, [], stories).claims.filter((c) => c.type === "THREAT").length, 2);
  });

  it("merges them within one story", () => {
    assert.equal(build([vague("a"), vague("b")]).claims.filter((c) => c.type === "THREAT").length, 1);
  });
});

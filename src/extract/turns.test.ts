import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extract } from "./index.js";
import { article, entity } from "./test-helpers.js";
import { findTurns } from "./turns.js";

const BRIEFING = [
  "MS. HALVORSEN: Good afternoon, everybody.",
  "Q Good afternoon.",
  "MS. HALVORSEN: North Korea shipped artillery shells to Russia by rail last month.",
  "Q Is North Korea also sending ballistic missiles to Russia?",
  "ADMIRAL OKAFOR: We have seen North Korea launch a new cruise missile, and we are watching closely.",
  "NOTE: the briefing ended at 2:10 p.m.",
].join("\n\n");
const TITLE = "Press Briefing by Press Secretary Ingrid Halvorsen and Admiral Daniel Okafor";

describe("transcript turns", () => {
  it("finds the speaker labels and names the speakers from the title", () => {
    const turns = findTurns(BRIEFING, [], TITLE);
    assert.deepEqual(
      turns.map((t) => [t.label, t.speaker, t.question]),
      [
        ["MS. HALVORSEN", "Ingrid Halvorsen", false],
        ["Q", null, true],
        ["MS. HALVORSEN", "Ingrid Halvorsen", false],
        ["Q", null, true],
        ["ADMIRAL OKAFOR", "Daniel Okafor", false],
      ],
    );
    // The last turn runs to the end; a lone "NOTE:" is not a speaker.
    assert.ok(BRIEFING.slice(turns[4]?.start, turns[4]?.end).includes("NOTE: the briefing ended"));
  });

  it("gives claims to the turn's speaker, and a question asserts nothing", () => {
    const ents = [
      entity(BRIEFING, "North Korea", "STATE", ["North Korea"]),
      entity(BRIEFING, "Russia", "STATE", ["Russia"]),
    ];
    const { claims } = extract(article(BRIEFING, { title: TITLE, outlet: "The White House" }), ents);
    const shells = claims.find((c) => c.type === "ARMS_TRANSFER" && /shells/.test(c.evidence.text));
    assert.equal(shells?.holder, "Ingrid Halvorsen");
    assert.equal(shells?.holderKind, "speaker");
    const asked = claims.find((c) => c.type === "ARMS_TRANSFER" && /ballistic/.test(c.evidence.text));
    assert.ok(asked);
    assert.equal(asked.stance, "HEDGE");
    assert.equal(asked.holder, "reporter's question");
    assert.equal(claims.find((c) => c.type === "WEAPONS_TEST")?.holder, "Daniel Okafor");
  });

  it("reads a Korean family name, which comes first, in a label", () => {
    const text = "MR. KIM: We will answer.\n\nQ Will you?\n\nMR. KIM: Yes.";
    const kim = entity(text, "Kim Tok Hun", "PERSON", []);
    const turns = findTurns(text, [{ ...kim, aliases: ["Kim Tok Hun"] }], "");
    assert.equal(turns[0]?.speaker, "Kim Tok Hun");
  });

  it("leaves an article with one capitalised label alone", () => {
    const text =
      "WASHINGTON: Officials said on Monday that talks would resume.\n\nThe talks are set for May.";
    assert.deepEqual(findTurns(text, [], ""), []);
  });
});

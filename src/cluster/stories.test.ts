import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DuplicateLink, StoryDecision } from "../types.js";
import { clusterStories, type StoryInput, storyId } from "./stories.js";
import { launchReport, NSC_STATEMENT } from "./testing.js";

const KP = "state:KP";
const test = "WEAPONS_TEST|state:KP";

function input(
  id: string,
  published: string | null,
  title: string,
  body: string,
  extra: Partial<StoryInput> = {},
): StoryInput {
  return { id, title, body, published, entityKeys: [KP], claimTypes: [], events: [], ...extra };
}

const march = [
  input(
    "jcs",
    "2025-03-12",
    "North Korea fires ICBM into East Sea, JCS says",
    launchReport("Wednesday", "7:10 a.m.", "Sunan", "1,000", "6,000"),
    {
      entityKeys: [KP, "org:kr-jcs", "state:KR"],
      events: [test],
    },
  ),
  input(
    "japan",
    "2025-03-12",
    "Japan protests North Korean missile that fell inside its EEZ",
    "TOKYO — A long-range ballistic missile fired by North Korea on Wednesday fell inside Japan's exclusive economic zone after a flight of about 70 minutes, the defense minister said. Tokyo lodged a protest with Pyongyang.",
    { entityKeys: [KP, "state:JP"], events: [test] },
  ),
  input(
    "kcna",
    "2025-03-13",
    "Kim Jong Un Oversees Test-fire of New-type ICBM Hwasong-20",
    "Pyongyang, March 13 (KCNA) -- A test-fire of the new-type intercontinental ballistic missile Hwasong-20 was successfully conducted on March 12 under the guidance of Kim Jong Un.",
    { entityKeys: ["person:kim-jong-un", "weapon:hwasong-20"], events: [test] },
  ),
  input("nsc", "2025-03-12", "Statement from the NSC Spokesperson on the DPRK's ICBM Test", NSC_STATEMENT, {
    entityKeys: [KP, "state:US", "org:unsc"],
    events: [test],
  }),
];

const april = [
  input(
    "jcs-april",
    "2025-04-16",
    "North Korea fires another ICBM, JCS says",
    launchReport("Wednesday", "3:40 p.m.", "Sinpo", "850", "5,200"),
    {
      entityKeys: [KP, "org:kr-jcs", "state:KR"],
      events: [test],
    },
  ),
  input(
    "nsc-april",
    "2025-04-16",
    "Statement from the NSC Spokesperson on the DPRK's ICBM Test",
    NSC_STATEMENT,
    {
      entityKeys: [KP, "state:US", "org:unsc"],
      events: [test],
    },
  ),
];

const sanctions = input(
  "treasury",
  "2025-03-13",
  "Treasury designates two Vladivostok shipping firms",
  "The US Treasury Department on Thursday imposed sanctions on Primorsk Logistik and Vostok Cargo Line, two Vladivostok companies it said chartered vessels carrying North Korean munitions from Rajin.",
  { entityKeys: [KP, "org:us-treasury", "state:RU"], events: ["SANCTIONS_ACTION|state:US"] },
);

function storyOf(stories: ReturnType<typeof clusterStories>): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of stories) for (const a of s.articleIds) out.set(a, s.id);
  return out;
}

describe("clusterStories", () => {
  it("puts differently worded reports of one launch in one story and keeps another event apart", () => {
    const stories = clusterStories([...march, sanctions], []);
    const of = storyOf(stories);
    assert.equal(new Set(march.map((d) => of.get(d.id))).size, 1, JSON.stringify(stories));
    assert.notEqual(of.get("treasury"), of.get("jcs"));
    const story = stories.find((s) => s.articleIds.includes("jcs"))!;
    assert.equal(story.start, "2025-03-12");
    assert.equal(story.end, "2025-03-13");
    assert.equal(story.id, storyId("jcs"));
    assert.equal(story.title, "North Korea fires ICBM into East Sea, JCS says");
  });

  it("keeps two launches weeks apart in two stories, even with word-for-word statements", () => {
    const of = storyOf(clusterStories([...march, ...april], []));
    assert.equal(of.get("nsc-april"), of.get("jcs-april"));
    assert.equal(of.get("nsc"), of.get("jcs"));
    assert.notEqual(of.get("nsc"), of.get("nsc-april"));
  });

  it("keeps one outlet's items from one template about different places apart", () => {
    const houses = (id: string, day: string, county: string) =>
      input(
        id,
        day,
        `New Houses Built in ${county} County of DPRK`,
        `Pyongyang (KCNA) -- Hundreds of new houses were built for farmers in ${county} County of the DPRK. The farmers moved into the houses amid a celebration attended by local officials.`,
        { outlet: "KCNA" },
      );
    const of = storyOf(
      clusterStories([houses("a", "2024-09-12", "Sariwon"), houses("b", "2024-09-13", "Taedong")], []),
    );
    assert.notEqual(of.get("a"), of.get("b"));
  });

  it("makes a copy follow its original, however late it was published", () => {
    const stale = input("stale", "2025-04-30", "OLD NEWS", "unrelated words entirely");
    const links: DuplicateLink[] = [
      { articleId: "stale", duplicateOf: "jcs", similarity: 0.9, kind: "near" },
    ];
    const stories = clusterStories([...march, stale], links);
    const of = storyOf(stories);
    assert.equal(of.get("stale"), of.get("jcs"));
    assert.equal(stories.find((s) => s.articleIds.includes("jcs"))!.end, "2025-04-30");
  });

  it("applies merges and splits in the order they were made, and keeps them when articles arrive", () => {
    const decisions: StoryDecision[] = [
      { kind: "split", articleIds: ["kcna", "ghost"], createdAt: "2025-05-02T10:00:00Z" },
      { kind: "merge", articleIds: ["treasury", "jcs"], createdAt: "2025-05-01T10:00:00Z" },
    ];
    const first = storyOf(clusterStories([...march, sanctions], [], decisions));
    assert.equal(first.get("treasury"), first.get("jcs"), "merged");
    assert.notEqual(first.get("kcna"), first.get("jcs"), "split off after the merge");
    const later = input(
      "japan-2",
      "2025-03-13",
      "Japan tracks missile debris",
      "TOKYO — Japan said on Thursday that debris of the missile fell west of Hokkaido.",
      {
        entityKeys: [KP, "state:JP"],
        events: [test],
      },
    );
    const again = storyOf(clusterStories([...march, sanctions, later], [], decisions));
    assert.equal(again.get("treasury"), again.get("jcs"));
    assert.notEqual(again.get("kcna"), again.get("jcs"));
    assert.equal(again.get("japan"), again.get("jcs"));
  });

  it("splits an article out together with its copies", () => {
    const copy = input("kcna-copy", "2025-03-13", "Hwasong-20 test", "copy");
    const links: DuplicateLink[] = [
      { articleId: "kcna-copy", duplicateOf: "kcna", similarity: 0.8, kind: "near" },
    ];
    const decisions: StoryDecision[] = [
      { kind: "split", articleIds: ["kcna"], createdAt: "2025-05-01T00:00:00Z" },
    ];
    const of = storyOf(clusterStories([...march, copy], links, decisions));
    assert.equal(of.get("kcna-copy"), of.get("kcna"));
    assert.notEqual(of.get("kcna"), of.get("jcs"));
  });

  it("clusters undated articles after the dated ones and lists undated stories last", () => {
    const undated = input(
      "undated",
      null,
      "Dispute over Vladivostok shipping firms",
      "Nothing here is about missiles at all, only shipping.",
    );
    const stories = clusterStories([undated, ...march], []);
    assert.equal(stories.at(-1)!.articleIds.join(), "undated");
    assert.equal(stories.at(-1)!.start, null);
  });
});

/**
 * Short invented reports for the cluster, ledger and story tests: one original and the ways copies of it
 * differ (site chrome, truncation, rewording), an independent report of the same event, and texts written
 * from one template about different events.
 */
import { type ClaimSpec, makeArticle } from "../store/fixtures.js";
import type { AnalyzedArticle } from "../types.js";

export const ORIGINAL = [
  "(SEOUL) North Korea has shipped roughly 12,000 containers of artillery shells to Russia since last August, South Korea's defense ministry said on Thursday, citing satellite imagery of rail traffic at the Tumen River crossing.",
  '"The shipments continued through February without interruption," Jeon Ha-kyu, a spokesman for the defense ministry, told reporters in Seoul.',
  "The ministry said the trains left the port of Rajin at night and crossed into Russia's Primorye region twice a week.",
  "The United States has also accused Pyongyang of supplying ballistic missiles to Moscow for use in Ukraine, in breach of UN Security Council resolutions.",
  "Analysts said the transfers could help Pyongyang obtain space and submarine technology from Russia in return.",
].join("\n\n");

/** The original with a site name above and a newsletter and share bar below. */
export const WITH_CHROME = [
  "Asia Wire Network | Breaking news from across the region",
  ORIGINAL,
  "Subscribe to the Asia Wire morning briefing for the stories that matter.",
  "Share this article: Facebook | X | WhatsApp | Email",
].join("\n\n");

/** The first two paragraphs only. */
export const TRUNCATED = ORIGINAL.split("\n\n").slice(0, 2).join("\n\n");

/** A light rewording: a few words changed, one sentence dropped. */
export const REWORDED = [
  "(SEOUL) North Korea has sent roughly 12,000 containers of artillery shells to Russia since last August, South Korea's defence ministry said on Thursday, citing satellite images of rail traffic at the Tumen River crossing.",
  '"The shipments continued through February without any interruption," Jeon Ha-kyu, a spokesman for the defence ministry, told reporters in Seoul.',
  "The ministry said the trains left the port of Rajin at night and crossed into Russia's Primorye region twice a week.",
  "The United States has also accused Pyongyang of supplying ballistic missiles to Moscow for use in Ukraine, in violation of UN Security Council resolutions.",
].join("\n\n");

/** Another outlet's own report of the same event. */
export const INDEPENDENT = [
  "South Korean military intelligence has counted about 12,000 shipping containers of munitions moving from North Korea into Russia over the past seven months, officials in Seoul said on Thursday.",
  "The joint chiefs of staff said most of the cargo was artillery ammunition loaded onto freight trains at Rajin, a port near the border with Russia and China.",
  'Col. Lee Sung-jun, a spokesman for the joint chiefs, said the pace had "not slowed at all" since the new year.',
].join("\n\n");

/** One template, two launches: the same wording, different times, places and distances. */
export function launchReport(day: string, time: string, site: string, km: string, altitude: string): string {
  return [
    `SEOUL (KWS) — North Korea fired an intercontinental ballistic missile into the East Sea on ${day} morning, South Korea's Joint Chiefs of Staff said.`,
    `The missile was launched from the ${site} area at ${time} and flew about ${km} kilometres on a lofted trajectory, reaching an altitude of about ${altitude} kilometres, the JCS said.`,
    "The JCS said it had raised its surveillance posture and was sharing data with the United States and Japan.",
  ].join("\n\n");
}

/** A statement issued from one template after each launch: word for word the same. */
export const NSC_STATEMENT = [
  "The United States strongly condemns the DPRK for its test of a long-range ballistic missile. This launch is a brazen violation of multiple UN Security Council resolutions and needlessly raises tensions and risks destabilizing the security situation in the region.",
  "The President and his national security team are assessing the situation in close coordination with our allies and partners.",
  "We urge all countries to condemn these violations and call on the DPRK to come to the table for serious negotiations.",
].join("\n\n");

/** One template, two delegations: the same frame with other names. */
export function delegationReport(country: string, city: string): string {
  return `A ${country} delegation led by the defence minister arrived in ${city} on Monday for talks on "military and technical cooperation", state media reported. Analysts said the visit may have been meant to prepare further arms deliveries, though neither side confirmed that. It was the second such visit this year.`;
}

// ───────────────────── stored articles for the app and CLI tests ─────────────────────

const ENTITIES = {
  KP: {
    key: "state:KP",
    name: "North Korea",
    type: "STATE" as const,
    forms: ["North Korea", "Pyongyang", "DPRK"],
    country: "KP",
  },
  RU: { key: "state:RU", name: "Russia", type: "STATE" as const, forms: ["Russia", "Moscow"], country: "RU" },
  KR: {
    key: "state:KR",
    name: "South Korea",
    type: "STATE" as const,
    forms: ["South Korea", "Seoul"],
    country: "KR",
  },
  JEON: {
    key: "person:jeon-ha-kyu",
    name: "Jeon Ha-kyu",
    type: "PERSON" as const,
    forms: ["Jeon Ha-kyu"],
    roles: ["spokesman for the defense ministry"],
    country: "KR",
  },
};

function shipment(extra: Partial<ClaimSpec> & Pick<ClaimSpec, "holder" | "stance" | "evidence">): ClaimSpec {
  return {
    type: "ARMS_TRANSFER",
    subject: "North Korea",
    object: "Russia",
    item: "artillery shells",
    actors: ["state:KP", "state:RU", "state:KR"],
    quantity: { text: "roughly 12,000", value: 12000, approximate: true },
    ...extra,
  };
}

const DENIAL_TEXT = [
  'Pyongyang – A spokesperson for the DPRK Foreign Ministry on Saturday denied that the country had sent any artillery shells to Russia, calling the reports from Seoul "a clumsy fabrication".',
  '"The DPRK has never exported munitions to any country," the spokesperson said in a statement carried by state media.',
].join("\n\n");

const TREASURY_TEXT =
  "The US Treasury Department on Friday imposed sanctions on two Vladivostok shipping companies, Primorsk Logistik and Vostok Cargo Line, that it said chartered vessels to carry cargo from Rajin.";

/**
 * A small desk: an accusation, a syndicated copy with chrome (another outlet), the denial, a stale copy three
 * weeks later, and an unrelated sanctions story. `title` of the copy carries markup, as scraped titles do.
 */
export function deskArticles(): AnalyzedArticle[] {
  const accusation = (evidence: string) =>
    shipment({
      holder: "South Korea",
      stance: "ASSERT",
      when: "2024-08",
      whenText: "since last August",
      evidence,
    });
  const lead = ORIGINAL.split("\n\n")[0]!;
  return [
    makeArticle({
      id: "harbor",
      source: "desk/harbor.txt",
      title: "Seoul says North Korea sent 12,000 containers of shells to Russia",
      outlet: "Harbor Line Daily",
      published: "2025-03-06",
      body: ORIGINAL,
      entities: [ENTITIES.KP, ENTITIES.RU, ENTITIES.KR, ENTITIES.JEON],
      claims: [accusation(lead)],
    }),
    makeArticle({
      id: "asiawire",
      source: "https://asiawire.example/world/korea/shells",
      title: 'North Korea sent shells <script>alert("x")</script> to Russia',
      outlet: "Asia Wire Network",
      published: "2025-03-06",
      body: WITH_CHROME,
      entities: [ENTITIES.KP, ENTITIES.RU, ENTITIES.KR, ENTITIES.JEON],
      claims: [accusation(lead)],
    }),
    makeArticle({
      id: "denial",
      source: "desk/denial.txt",
      title: 'DPRK dismisses "rail shipment" claims',
      outlet: "Pyongyang Daily Monitor",
      published: "2025-03-08",
      body: DENIAL_TEXT,
      entities: [ENTITIES.KP, ENTITIES.RU, ENTITIES.KR],
      claims: [
        shipment({
          quantity: null,
          holder: "North Korea",
          stance: "DENY",
          when: "2025-03-08",
          whenText: "on Saturday",
          evidence: DENIAL_TEXT.split("\n\n")[0]!,
        }),
      ],
    }),
    makeArticle({
      id: "stale",
      source: "desk/stale.html",
      title: "SHOCKING: Kim's trains full of shells",
      outlet: "Daily Global Buzz",
      published: "2025-03-27",
      body: TRUNCATED,
      entities: [ENTITIES.KP, ENTITIES.RU, ENTITIES.KR, ENTITIES.JEON],
      claims: [accusation(lead)],
    }),
    makeArticle({
      id: "treasury",
      source: "desk/treasury.txt",
      title: "Treasury designates two Vladivostok firms",
      outlet: "Sanctions Watch Bulletin",
      published: "2025-03-14",
      body: TREASURY_TEXT,
      entities: [
        {
          key: "org:us-treasury",
          name: "US Treasury Department",
          type: "ORG",
          forms: ["US Treasury Department"],
        },
      ],
      claims: [
        {
          type: "SANCTIONS_ACTION",
          subject: "US Treasury Department",
          object: null,
          holder: "Sanctions Watch Bulletin",
          holderKind: "outlet",
          stance: "ASSERT",
          actors: ["org:us-treasury"],
          when: "2025-03-14",
          whenText: "on Friday",
          evidence: TREASURY_TEXT,
        },
      ],
    }),
  ];
}

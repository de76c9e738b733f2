/**
 * A deterministic generator of plausible short news reports in the domain's style, for benchmarks and load
 * tests: arms transfers with denials, weapons tests, exercises, sanctions actions and diplomatic visits, from
 * varied outlets, dates and datelines, with quoted and reported speech; about one in six is a syndicated copy
 * of an earlier report with small edits (another outlet, a retouched title, a dropped or reworded sentence).
 *
 * Every sentence is built from the templates and vocabulary below (all invented); the same `count` and
 * `seed` always give the same documents.
 */
import type { RawDocument } from "../src/types.js";

/** mulberry32: a tiny 32-bit PRNG, plenty for picking template words reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outlet {
  name: string;
  domain: string;
  html: boolean;
}

const OUTLETS: Outlet[] = [
  { name: "Harbor Ledger", domain: "harborledger.example", html: true },
  { name: "Pacific Wire", domain: "pacificwire.example", html: false },
  { name: "Northern Dispatch", domain: "northerndispatch.example", html: true },
  { name: "Seoul Evening Post", domain: "seoulevening.example", html: true },
  { name: "Continental Monitor", domain: "contmonitor.example", html: false },
  { name: "Strait Times Online", domain: "straitonline.example", html: true },
  { name: "Eurasia Review Desk", domain: "eurasiadesk.example", html: false },
  { name: "Defense Bulletin", domain: "defbulletin.example", html: true },
];

const DATELINES = [
  "SEOUL",
  "TOKYO",
  "WASHINGTON",
  "BEIJING",
  "MOSCOW",
  "KYIV",
  "BRUSSELS",
  "GENEVA",
  "VIENNA",
];

interface Party {
  name: string;
  adjective: string;
  capital: string;
}

const SUPPLIERS: Party[] = [
  { name: "North Korea", adjective: "North Korean", capital: "Pyongyang" },
  { name: "Iran", adjective: "Iranian", capital: "Tehran" },
  { name: "Belarus", adjective: "Belarusian", capital: "Minsk" },
];
const RECEIVERS: Party[] = [
  { name: "Russia", adjective: "Russian", capital: "Moscow" },
  { name: "Syria", adjective: "Syrian", capital: "Damascus" },
  { name: "Myanmar", adjective: "Myanmar", capital: "Naypyidaw" },
];
const OBSERVERS: Party[] = [
  { name: "South Korea", adjective: "South Korean", capital: "Seoul" },
  { name: "Japan", adjective: "Japanese", capital: "Tokyo" },
  { name: "the United States", adjective: "U.S.", capital: "Washington" },
  { name: "Ukraine", adjective: "Ukrainian", capital: "Kyiv" },
];

interface Person {
  name: string;
  role: string;
  pronoun: "He" | "She";
}

const OFFICIALS: Person[] = [
  { name: "Han Seung-woo", role: "a spokesman for the defense ministry", pronoun: "He" },
  { name: "Mariko Tanabe", role: "the chief cabinet secretary", pronoun: "She" },
  { name: "Daniel Whitcombe", role: "a State Department spokesperson", pronoun: "He" },
  { name: "Olena Hrytsenko", role: "a military intelligence officer", pronoun: "She" },
  { name: "Lee Ji-hoon", role: "the unification minister", pronoun: "He" },
  { name: "Kenji Morioka", role: "a senior defense official", pronoun: "He" },
  { name: "Rachel Osei", role: "a sanctions monitor at the United Nations", pronoun: "She" },
  { name: "Park Soo-yeon", role: "a spokeswoman for the joint chiefs of staff", pronoun: "She" },
  { name: "Martin Keller", role: "a NATO official", pronoun: "He" },
  { name: "Yuki Asano", role: "the defense minister", pronoun: "She" },
  { name: "Andriy Kovalchuk", role: "a spokesman for the general staff", pronoun: "He" },
];

const DENIERS: Person[] = [
  { name: "Viktor Saltykov", role: "a foreign ministry spokesman", pronoun: "He" },
  { name: "Kim Yong-chol", role: "a vice foreign minister", pronoun: "He" },
  { name: "Hossein Rahbari", role: "a government spokesman", pronoun: "He" },
  { name: "Irina Voronova", role: "a Kremlin spokeswoman", pronoun: "She" },
  { name: "Ri Son-hui", role: "a foreign ministry official", pronoun: "She" },
];

const WEAPONS = [
  "artillery shells",
  "short-range ballistic missiles",
  "rocket launchers",
  "anti-tank rounds",
  "attack drones",
  "mortar bombs",
  "cruise missile parts",
];
const CONTAINERS = ["containers", "rail cars", "crates", "pallets"];
const PORTS = ["Rajin", "Vostochny", "Nakhodka", "Bandar Abbas", "Tartus", "Chongjin"];
const TEST_SYSTEMS = [
  "a solid-fuel intercontinental ballistic missile",
  "two short-range ballistic missiles",
  "a new multiple rocket launcher",
  "a hypersonic glide vehicle",
  "several cruise missiles",
];
const WATERS = ["the East Sea", "the Sea of Japan", "the Yellow Sea", "waters off its east coast"];
const EXERCISES = [
  "joint naval drills",
  "air defence exercises",
  "live-fire artillery drills",
  "combined landing drills",
];
const SANCTIONS_TARGETS = [
  "three shipping companies",
  "a Hong Kong trading firm",
  "two tankers",
  "four bank officials",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const HEDGES = ["may have", "appeared to have", "is believed to have", "could have"];
const SAY = ["said", "told reporters", "said in a statement", "told a briefing"];

type Pick = <T>(list: readonly T[]) => T;

interface Report {
  title: string;
  paragraphs: string[];
}

function quantity(r: () => number): string {
  const n = Math.round((500 + r() * 9500) / 100) * 100;
  const approx = ["about", "some", "nearly", "more than", "roughly"][Math.floor(r() * 5)]!;
  return `${approx} ${n.toLocaleString("en-US")}`;
}

function armsTransfer(pick: Pick, r: () => number, day: string): Report {
  const from = pick(SUPPLIERS);
  const to = pick(RECEIVERS);
  const observer = pick(OBSERVERS);
  const official = pick(OFFICIALS);
  const denier = pick(DENIERS);
  const weapon = pick(WEAPONS);
  const qty = quantity(r);
  const unit = pick(CONTAINERS);
  const port = pick(PORTS);
  const since = pick([
    "since last autumn",
    "since August",
    "over the past year",
    "in recent months",
    "since the spring",
  ]);
  const lead = pick([
    `${from.name} has shipped ${qty} ${unit} of ${weapon} to ${to.name} ${since}, ${observer.adjective} officials said on ${day}.`,
    `${observer.adjective} intelligence believes ${from.name} delivered ${qty} ${unit} of ${weapon} to ${to.name} ${since}, officials said on ${day}.`,
    `At least ${qty.replace(/^\D+/, "")} ${unit} of ${weapon} have been sent from ${from.name} to ${to.name} ${since}, according to ${observer.adjective} officials who briefed reporters on ${day}.`,
  ]);
  const quote = pick([
    `"The shipments left ${port} by sea and rail, and the pace has not slowed," ${official.name}, ${official.role}, ${pick(SAY)}.`,
    `"We have tracked cargo leaving ${port} almost every week," said ${official.name}, ${official.role}.`,
    `${official.name}, ${official.role}, ${pick(SAY)} satellite images showed ${unit} being loaded at ${port}.`,
  ]);
  const payment = pick([
    `${official.pronoun} said ${to.name} ${pick(HEDGES)} paid for the ${weapon} with ${pick(["fuel and food", "oil", "hard currency", "military technology"])}.`,
    `In return, ${to.name} ${pick(HEDGES)} supplied ${from.name} with ${pick(["fighter jet parts", "satellite know-how", "grain and fuel", "air defence systems"])}, ${official.pronoun.toLowerCase()} added.`,
  ]);
  const denial = pick([
    `${to.capital} denied buying any weapons from ${from.capital}. ${denier.name}, ${denier.role}, called the reports "a fabrication meant to justify new sanctions".`,
    `${denier.name}, ${denier.role}, rejected the accusation, saying ${to.name} "has no need for anyone's shells".`,
    `${from.name}'s state media made no mention of the shipments, and ${denier.name}, ${denier.role}, said the claims were "groundless".`,
  ]);
  return {
    title: pick([
      `${from.name} sent ${qty} ${unit} of ${weapon} to ${to.name}, ${observer.adjective} officials say`,
      `${observer.adjective} officials accuse ${from.name} of arming ${to.name}`,
      `${weapon[0]!.toUpperCase()}${weapon.slice(1)} flow from ${from.name} to ${to.name}, says ${observer.name}`,
    ]),
    paragraphs: [
      lead,
      quote,
      payment,
      denial,
      pick([
        "The claims could not be independently verified.",
        `${from.name} and ${to.name} signed a defence pact last year.`,
        "Arms trade with the country is banned under UN resolutions.",
      ]),
    ],
  };
}

function weaponsTest(pick: Pick, _r: () => number, day: string): Report {
  const observer = pick(OBSERVERS.slice(0, 2));
  const system = pick(TEST_SYSTEMS);
  const official = pick(OFFICIALS);
  return {
    title: `North Korea fires ${system.replace(/^(a|an|two|several) /, "")} into ${pick(WATERS)}`,
    paragraphs: [
      `North Korea launched ${system} on ${day}, ${observer.adjective} military officials said, the latest in a series of tests this year.`,
      `The launch was detected from an area near ${pick(["Pyongyang", "Sinpo", "Wonsan", "Tongchang-ri"])} and the missile flew about ${Math.round(300 + _r() * 700)} kilometres, ${official.name}, ${official.role}, ${pick(SAY)}.`,
      pick([
        "State media later said leader Kim Jong Un had observed the test and called for more launches.",
        `The official news agency said the test "verified the reliability" of the system.`,
        "There was no immediate report of the launch in North Korean state media.",
      ]),
      pick([
        `"These launches violate several Security Council resolutions," the ministry said.`,
        `${pick(OFFICIALS).name} said the test showed "a clear intent to raise tensions".`,
        `It was the ${pick(["fifth", "seventh", "ninth", "twelfth"])} launch this year.`,
      ]),
    ],
  };
}

function exercise(pick: Pick, _r: () => number, day: string): Report {
  const a = pick(OBSERVERS);
  const b = pick(OBSERVERS.filter((o) => o !== a));
  const drills = pick(EXERCISES);
  return {
    title: `${a.name} and ${b.name} begin ${drills}`,
    paragraphs: [
      `${a.name} and ${b.name} began ${drills} on ${day}, involving warships, fighter jets and several thousand troops.`,
      `North Korea's official news agency called the drills "a rehearsal for invasion" and warned of "countermeasures".`,
      `${pick(OFFICIALS).name} ${pick(SAY)} the drills were ${pick(["defensive and planned months ago", "routine", "a response to recent missile tests"])}.`,
      `The exercises are due to run for ${pick(["five days", "two weeks", "ten days", "a week"])} ${pick(["off the southern coast", "near the border", "in the Pacific", "around Jeju"])}.`,
    ],
  };
}

function sanctionsAction(pick: Pick, _r: () => number, day: string): Report {
  const target = pick(SANCTIONS_TARGETS);
  const from = pick(SUPPLIERS);
  const official = pick(OFFICIALS);
  return {
    title: `New sanctions target ${target} over ${from.adjective} arms trade`,
    paragraphs: [
      `The Treasury Department on ${day} imposed sanctions on ${target} accused of helping ${from.name} move weapons and evade an arms embargo.`,
      pick([
        `"We will keep exposing the networks that supply these weapons," ${official.name}, ${official.role}, ${pick(SAY)}.`,
        `${official.name}, ${official.role}, said the companies had used ${pick(["ship-to-ship transfers", "front companies", "falsified cargo papers"])} to hide the trade.`,
      ]),
      `${from.capital} ${pick(["did not respond to a request for comment", "called the sanctions illegal", "has denied breaking any embargo"])}.`,
    ],
  };
}

function diplomaticVisit(pick: Pick, _r: () => number, day: string): Report {
  const host = pick(SUPPLIERS);
  const guest = pick(RECEIVERS);
  return {
    title: `${guest.adjective} delegation arrives in ${host.capital} for talks`,
    paragraphs: [
      `A ${guest.adjective} delegation led by the defence minister arrived in ${host.capital} on ${day} for talks on "military and technical cooperation", state media reported.`,
      `Analysts said the visit ${pick(HEDGES)} been meant to prepare further ${pick(["arms deliveries", "technology transfers", "joint production of munitions"])}, though neither side confirmed that.`,
      `It was the ${pick(["first", "second", "third"])} such visit ${pick(["this year", "since the summer", "in six months"])}.`,
    ],
  };
}

/** One background sentence, varied enough that unrelated reports on one topic do not look like copies. */
function background(pick: Pick, r: () => number): string {
  const year = 2015 + Math.floor(r() * 9);
  const n = 2 + Math.floor(r() * 40);
  const month = pick(["January", "March", "May", "July", "September", "November"]);
  const party = pick([...SUPPLIERS, ...RECEIVERS]);
  return pick([
    `${party.name} has been under a UN arms embargo since ${year}, and a panel of experts reported ${n} suspected violations last year.`,
    `In ${month} ${year}, ${party.adjective} officials met their counterparts in ${pick(OBSERVERS).capital} for ${pick(["the first time in years", "talks that ended without agreement", "a short, tense session"])}.`,
    `${pick(OFFICIALS).name} has warned ${pick(["lawmakers", "allies", "reporters"])} ${n} times since ${year} that ${pick(["the trade is growing", "enforcement is weakening", "the embargo is failing"])}.`,
    `Satellite photos taken in ${month} showed ${n} vessels ${pick(["idling near", "docked at", "leaving"])} ${pick(PORTS)}, researchers at ${pick(["a Washington think tank", "a London institute", "a university in Seoul"])} said.`,
    `Trade between ${party.name} and its neighbours ${pick(["doubled", "fell by a third", "rose sharply", "stalled"])} in ${year}, customs figures show.`,
    `A ${pick(["confidential", "leaked", "published"])} report in ${month} ${year} listed ${n} companies suspected of ${pick(["moving cargo", "laundering payments", "leasing ships"])} for ${party.capital}.`,
  ]);
}

const KINDS = [armsTransfer, armsTransfer, weaponsTest, exercise, sanctionsAction, diplomaticVisit];

function isoDate(base: number, days: number): string {
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function toHtml(
  outlet: Outlet,
  title: string,
  published: string,
  byline: string,
  paragraphs: string[],
): string {
  return [
    "<!doctype html><html><head>",
    `<title>${escapeHtml(title)} | ${escapeHtml(outlet.name)}</title>`,
    `<meta property="article:published_time" content="${published}T08:00:00Z">`,
    `<meta property="og:site_name" content="${escapeHtml(outlet.name)}">`,
    "</head><body>",
    `<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>`,
    `<article><h1>${escapeHtml(title)}</h1><p class="byline">By ${escapeHtml(byline)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>See also: Sanctions tracker updated</p>`,
    "</article>",
    `<div class="share">Share on Facebook | Share on X | Email</div>`,
    "</body></html>",
  ].join("\n");
}

const BYLINES = ["Staff reporter", "Ana Lindqvist", "Choi Eun-ji", "Tomasz Wrona", "Agencies"];

/** Small edits a syndicating outlet makes: another title case, a dropped or reworded sentence. */
function syndicate(pick: Pick, r: () => number, report: Report): Report {
  const paragraphs = [...report.paragraphs];
  if (paragraphs.length > 4 && r() < 0.3) paragraphs.splice(paragraphs.length - 1, 1);
  const reword: [RegExp, string][] = [
    [/ said on /, " announced on "],
    [/ officials /, " authorities "],
    [/called the reports/, "dismissed the reports as"],
  ];
  const [pattern, replacement] = pick(reword);
  const i = Math.floor(r() * paragraphs.length);
  paragraphs[i] = paragraphs[i]!.replace(pattern, replacement);
  const title = r() < 0.5 ? report.title.toUpperCase() : `${report.title} – report`;
  return { title, paragraphs };
}

export function* syntheticDocuments(count: number, seed = 1): Generator<RawDocument> {
  const r = rng(seed);
  const pick: Pick = (list) => list[Math.floor(r() * list.length)]!;
  const base = Date.UTC(2023, 0, 1);
  const originals: { report: Report; day: number }[] = [];
  for (let n = 1; n <= count; n++) {
    let report: Report;
    let published: number;
    if (originals.length > 5 && r() < 1 / 6) {
      const original = pick(originals.slice(-50));
      report = syndicate(pick, r, original.report);
      published = original.day + Math.floor(r() * 3);
    } else {
      published = Math.floor(r() * 700);
      const eventDay = published - Math.floor(r() * 3);
      const weekday = DAYS[new Date(base + eventDay * 86_400_000).getUTCDay()]!;
      report = pick(KINDS)(pick, r, weekday);
      // Before the closing line, so it never falls between a quote and the pronoun that refers back to it.
      report.paragraphs.splice(report.paragraphs.length - 1, 0, background(pick, r));
      if (r() < 0.5) report.paragraphs.push(background(pick, r));
      report.paragraphs[0] = `${pick(DATELINES)} — ${report.paragraphs[0]}`;
      originals.push({ report, day: published });
    }
    const outlet = pick(OUTLETS);
    const date = isoDate(base, published);
    const slug = report.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 60);
    const url = `https://${outlet.domain}/${date.replaceAll("-", "/")}/${slug}-${n}`;
    const byline = pick(BYLINES);
    if (outlet.html) {
      yield {
        source: `synthetic/${seed}/${n}.html`,
        kind: "html",
        contentType: "text/html",
        content: toHtml(outlet, report.title, date, byline, report.paragraphs),
        hints: { url },
      };
    } else {
      yield {
        source: `synthetic/${seed}.jsonl#${n}`,
        kind: "jsonl",
        contentType: "text/plain",
        content: report.paragraphs.join("\n\n"),
        hints: { title: report.title, url, published: date, outlet: outlet.name, byline },
      };
    }
  }
}

/** The named parties the generator uses, for benchmarks that need entities without running the pipeline. */
export const SYNTHETIC_ENTITIES: { name: string; type: "STATE" | "PERSON" | "WEAPON"; key: string }[] = [
  ...[...SUPPLIERS, ...RECEIVERS, ...OBSERVERS].map((p) => ({
    name: p.name.replace(/^the /, ""),
    type: "STATE" as const,
    key: `state:${p.name.replace(/^the /, "").toLowerCase().replace(/\W+/g, "-")}`,
  })),
  ...[...OFFICIALS, ...DENIERS].map((p) => ({
    name: p.name,
    type: "PERSON" as const,
    key: `person:${p.name.toLowerCase().replace(/\W+/g, "-")}`,
  })),
  ...WEAPONS.map((w) => ({ name: w, type: "WEAPON" as const, key: `weapon:${w.replace(/\W+/g, "-")}` })),
];

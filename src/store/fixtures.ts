/**
 * Hand-built AnalyzedArticles for the store's tests (and anyone else's that need stored records).
 * Invented short reports; offsets are computed from the body so they always point at their evidence.
 */
import type {
  AnalyzedArticle,
  Attribution,
  Claim,
  ClaimType,
  Entity,
  EntityType,
  Flag,
  Stance,
} from "../types.js";

export interface EntitySpec {
  key: string;
  name: string;
  type: EntityType;
  /** Surface forms to find in the body (the name first if it occurs). */
  forms: string[];
  roles?: string[];
  country?: string | null;
}

export interface ClaimSpec {
  type: ClaimType;
  subject: string | null;
  object?: string | null;
  item?: string | null;
  holder: string;
  holderKind?: Claim["holderKind"];
  stance: Stance;
  actors: string[];
  when?: string | null;
  whenText?: string | null;
  /** A sentence (or part) of the body the claim rests on. */
  evidence: string;
  quantity?: Claim["quantity"];
}

export interface ArticleSpec {
  id: string;
  title: string;
  body: string;
  outlet: string | null;
  published: string | null;
  source?: string;
  entities?: EntitySpec[];
  claims?: ClaimSpec[];
  attributions?: Omit<Attribution, "spans" | "confidence">[];
  flags?: Flag[];
}

function spansOf(body: string, text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!text) return out;
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + text.length)) {
    out.push([at, at + text.length]);
  }
  return out;
}

function evidenceOf(body: string, text: string) {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`fixture evidence not in body: ${text}`);
  return { start, end: start + text.length, text };
}

export function makeArticle(spec: ArticleSpec): AnalyzedArticle {
  const body = spec.body;
  const entities: Entity[] = (spec.entities ?? []).map((e, i) => ({
    id: `e${i + 1}`,
    name: e.name,
    type: e.type,
    aliases: [...new Set([e.name, ...e.forms])],
    mentions: e.forms.flatMap((form) =>
      spansOf(body, form).map(([start, end]) => ({
        start,
        end,
        text: form,
        via: form === e.name ? "name" : "alias",
      })),
    ),
    roles: e.roles ?? [],
    gender: e.type === "PERSON" ? "male" : "unknown",
    key: e.key,
    country: e.country ?? null,
  }));
  const claims: Claim[] = (spec.claims ?? []).map((c) => ({
    type: c.type,
    subject: c.subject,
    object: c.object ?? null,
    item: c.item ?? null,
    quantity: c.quantity ?? null,
    when: c.when ?? null,
    whenText: c.whenText ?? null,
    whenNote: null,
    holder: c.holder,
    holderKind: c.holderKind ?? "speaker",
    stance: c.stance,
    confidence: 0.8,
    actors: c.actors,
    evidence: evidenceOf(body, c.evidence),
  }));
  const attributions: Attribution[] = (spec.attributions ?? []).map((a) => ({
    ...a,
    confidence: 0.9,
    spans: {
      source: a.speakerText ? spansOf(body, a.speakerText).slice(0, 1) : [],
      cue: spansOf(body, a.cue).slice(0, 1),
      content: spansOf(body, a.content).slice(0, 1),
    },
  }));
  return {
    article: {
      id: spec.id,
      source: spec.source ?? `fixtures/${spec.id}.html`,
      url: `https://news.example/${spec.id}`,
      title: spec.title,
      section: "World",
      published: spec.published,
      publishedFrom: spec.published ? "meta" : "none",
      outlet: spec.outlet,
      claimedSource: null,
      dateline: body.match(/^([A-Z][A-Z ]+) —/)?.[1] ?? null,
      byline: null,
      language: "en",
      body,
      removed: [{ text: "Share this story", reason: "share-bar" }],
    },
    entities,
    attributions,
    claims,
    flags: spec.flags ?? [],
    dates: [],
  };
}

const NORTH_KOREA: EntitySpec = {
  key: "state:KP",
  name: "North Korea",
  type: "STATE",
  forms: ["North Korea", "Pyŏngyang"],
  country: "KP",
};
const RUSSIA: EntitySpec = {
  key: "state:RU",
  name: "Russia",
  type: "STATE",
  forms: ["Russia", "Moscow"],
  country: "RU",
};

/** A shipment report: an assertion by an official and a denial, with a quote. */
export const shipmentReport: AnalyzedArticle = makeArticle({
  id: "a-shipment",
  title: "Freighter carried artillery shells to Vostochny, officials say",
  outlet: "Harbor Ledger",
  published: "2024-03-02",
  body: [
    "SEOUL — South Korean officials said on Friday that a cargo ship carried some 3,000 containers of artillery shells from Rajin to Vostochny in February.",
    '"We watched the loading for weeks," said Park Min-ho, a defense ministry spokesman.',
    "Moscow denied receiving any munitions from Pyŏngyang and called the report a fabrication.",
  ].join("\n\n"),
  entities: [
    { key: "state:KR", name: "South Korea", type: "STATE", forms: ["South Korean"], country: "KR" },
    {
      key: "person:park-min-ho",
      name: "Park Min-ho",
      type: "PERSON",
      forms: ["Park Min-ho"],
      roles: ["defense ministry spokesman"],
      country: "KR",
    },
    RUSSIA,
    NORTH_KOREA,
    { key: "weapon:artillery-shell", name: "artillery shells", type: "WEAPON", forms: ["artillery shells"] },
  ],
  claims: [
    {
      type: "ARMS_TRANSFER",
      subject: "North Korea",
      object: "Russia",
      item: "artillery shells",
      holder: "South Korea",
      stance: "ASSERT",
      actors: ["state:KP", "state:RU", "state:KR"],
      when: "2024-02",
      whenText: "in February",
      quantity: { text: "some 3,000", value: 3000, approximate: true },
      evidence:
        "a cargo ship carried some 3,000 containers of artillery shells from Rajin to Vostochny in February",
    },
    {
      type: "ARMS_TRANSFER",
      subject: "North Korea",
      object: "Russia",
      item: "munitions",
      holder: "Russia",
      stance: "DENY",
      actors: ["state:KP", "state:RU"],
      evidence: "Moscow denied receiving any munitions from Pyŏngyang",
    },
  ],
  attributions: [
    {
      speaker: "Park Min-ho",
      speakerKey: "person:park-min-ho",
      speakerText: "Park Min-ho",
      role: "defense ministry spokesman",
      cue: "said",
      content: "We watched the loading for weeks,",
      quoted: true,
      channel: null,
    },
  ],
  flags: [{ kind: "DATE_RESOLVED", message: '"in February" resolved to 2024-02', evidence: null }],
});

/** A missile test reported by a neighbour's ministry. */
export const missileReport: AnalyzedArticle = makeArticle({
  id: "b-missile",
  title: "Two ballistic missiles land off the east coast",
  outlet: "Pacific Wire",
  published: "2024-03-05",
  body: [
    "TOKYO — North Korea fired two short-range ballistic missiles into the sea on Tuesday, Japan's defense ministry said.",
    "The launches followed weeks of artillery drills near the border, analysts noted.",
  ].join("\n\n"),
  entities: [
    NORTH_KOREA,
    { key: "state:JP", name: "Japan", type: "STATE", forms: ["Japan"], country: "JP" },
    {
      key: "org:japan-defense-ministry",
      name: "Japanese Ministry of Defense",
      type: "ORG",
      forms: ["defense ministry"],
      country: "JP",
    },
  ],
  claims: [
    {
      type: "WEAPONS_TEST",
      subject: "North Korea",
      item: "ballistic missiles",
      holder: "Japanese Ministry of Defense",
      stance: "ASSERT",
      actors: ["state:KP", "org:japan-defense-ministry"],
      when: "2024-03-05",
      whenText: "on Tuesday",
      evidence: "North Korea fired two short-range ballistic missiles into the sea on Tuesday",
    },
  ],
});

/** An undated piece from an unnamed outlet, hedged. */
export const droneReport: AnalyzedArticle = makeArticle({
  id: "c-drones",
  title: "Analysts weigh drone deliveries",
  outlet: null,
  published: null,
  body: "Analysts in Kyiv said Iranian-designed drones may have reached Russian units through a third country, but offered no proof. «Нет доказательств», one officer wrote.",
  entities: [
    { key: "state:IR", name: "Iran", type: "STATE", forms: ["Iranian"], country: "IR" },
    RUSSIA,
    { key: "weapon:drone", name: "drones", type: "WEAPON", forms: ["drones"] },
  ],
  claims: [
    {
      type: "MILITARY_COOPERATION",
      subject: "Iran",
      object: "Russia",
      item: "drones",
      holder: "analysts",
      holderKind: "unknown",
      stance: "HEDGE",
      actors: ["state:IR", "state:RU"],
      evidence: "Iranian-designed drones may have reached Russian units through a third country",
    },
  ],
  flags: [{ kind: "DATE_UNKNOWN", message: "no publication date", evidence: null }],
});

export const fixtureArticles: AnalyzedArticle[] = [shipmentReport, missileReport, droneReport];

/**
 * Country names as the UN list writes them → ISO 3166 alpha-2, so a list nationality can be
 * compared with `Entity.country`. Data: add a line for a new spelling (lower-case keys).
 */
export const COUNTRY_CODES: Readonly<Record<string, string>> = {
  "democratic people's republic of korea": "KP",
  dprk: "KP",
  "north korea": "KP",
  "republic of korea": "KR",
  "south korea": "KR",
  "russian federation": "RU",
  russia: "RU",
  china: "CN",
  "people's republic of china": "CN",
  "iran (islamic republic of)": "IR",
  iran: "IR",
  "syrian arab republic": "SY",
  syria: "SY",
  "united states": "US",
  "united states of america": "US",
  ukraine: "UA",
  myanmar: "MM",
  belarus: "BY",
  "united arab emirates": "AE",
  cuba: "CU",
};

export function countryCode(name: string): string | null {
  const key = name.trim().toLowerCase().replace(/[’`]/g, "'");
  if (/^[A-Z]{2}$/.test(name.trim())) return name.trim();
  return COUNTRY_CODES[key] ?? null;
}

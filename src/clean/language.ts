/**
 * A cheap language guess for text without an `html lang`: the script first (Hangul, kana, Han, Cyrillic,
 * Arabic…), then, for Latin script, which language's most frequent function words occur most. Good enough to
 * tell an English article from a French one; not a general language identifier.
 */
export const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "it", "by", "as"],
  fr: ["le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "qui", "du", "sur", "au", "pas"],
  de: [
    "der",
    "die",
    "und",
    "das",
    "ist",
    "nicht",
    "mit",
    "den",
    "von",
    "zu",
    "ein",
    "sich",
    "auf",
    "für",
    "dem",
  ],
  es: ["el", "la", "los", "las", "y", "que", "en", "del", "por", "con", "una", "para", "se", "su", "es"],
  it: [
    "il",
    "di",
    "che",
    "la",
    "per",
    "non",
    "una",
    "sono",
    "della",
    "con",
    "del",
    "gli",
    "nel",
    "alla",
    "è",
  ],
  pt: ["o", "os", "que", "não", "uma", "com", "para", "do", "da", "em", "um", "por", "se", "na", "é"],
  nl: [
    "de",
    "het",
    "een",
    "en",
    "van",
    "dat",
    "niet",
    "op",
    "zijn",
    "voor",
    "met",
    "ook",
    "bij",
    "naar",
    "er",
  ],
};

const SCRIPTS: [RegExp, string][] = [
  [/[\uAC00-\uD7AF]/g, "ko"],
  [/[\u3040-\u30FF]/g, "ja"],
  [/[\u4E00-\u9FFF]/g, "zh"],
  [/[\u0400-\u04FF]/g, "ru"],
  [/[\u0600-\u06FF]/g, "ar"],
  [/[\u0590-\u05FF]/g, "he"],
  [/[\u0E00-\u0E7F]/g, "th"],
  [/[\u0900-\u097F]/g, "hi"],
];

export function guessLanguage(text: string): string {
  const sample = text.slice(0, 3000);
  const letters = sample.replace(/[^\p{L}]/gu, "").length;
  if (letters < 20) return "und";
  // Kana marks Japanese even when Han characters outnumber it.
  for (const [pattern, code] of SCRIPTS) {
    const n = sample.match(pattern)?.length ?? 0;
    if (n / letters > (code === "ja" ? 0.05 : 0.3)) return code;
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = "und";
  let bestScore = 0;
  for (const [code, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    let score = 0;
    for (const w of words) if (set.has(w)) score++;
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return words.length > 0 && bestScore / words.length >= 0.05 ? best : "und";
}

/** `en-US` → `en`; anything that is not a language tag → null. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i.exec(tag?.trim() ?? "");
  return m?.[1] ? m[1].toLowerCase() : null;
}

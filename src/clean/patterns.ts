/**
 * Boilerplate patterns: what a scraped article carries besides its story. This is DATA — an analyst can add a
 * pattern here without touching the cleaning code. Each pattern is matched against one trimmed paragraph/line
 * and must stay linear (no nested quantifiers), because scraped text can be a single 10 MB line.
 */
import type { RemovalReason } from "../types.js";

export interface LinePattern {
  reason: RemovalReason;
  pattern: RegExp;
  /** Only lines with at most this many words match (a long paragraph that mentions "Photo by" is kept). */
  maxWords: number;
  note: string;
}

export const LINE_PATTERNS: LinePattern[] = [
  {
    reason: "photo-credit",
    pattern:
      /^(?:\(?\s*)?(?:photo(?:graph)?s?|image|picture|pic|video|file photo|illustration)\s*(?:by\b|:|credit\b|courtesy\b|source\b)/i,
    maxWords: 18,
    note: "Photo by …, Photo: …, (Image: © …), Image credit …",
  },
  {
    reason: "photo-credit",
    pattern: /^\(?\s*(?:credit|courtesy|source)\s*:\s*\S/i,
    maxWords: 12,
    note: "Credit: …",
  },
  {
    reason: "photo-credit",
    pattern:
      /^(?![-–—•]).*?(?:[/|]\s*|\b)(?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Yonhap|KCNA via KNS|Xinhua|Shutterstock|Alamy|Bloomberg|AAP|Anadolu(?: Agency)?|NurPhoto|Sipa|ANI|Pool|EPA-EFE)(?:\s+via\s+[\w ]+)?\s*\)?$/,
    maxWords: 12,
    note: "… / AFP, … | Reuters, Getty Images (a short line ending with an agency)",
  },
  {
    reason: "photo-credit",
    pattern: /^(?:©|\(c\)|copyright\s)/i,
    maxWords: 15,
    note: "© … lines",
  },
  {
    reason: "photo-credit",
    pattern: /\b(?:Archives?|File)\s+(?:Associated Press|AFP|Reuters|EPA|Getty Images)$/i,
    maxWords: 14,
    note: "… Archives Associated Press",
  },
  {
    reason: "see-also",
    pattern:
      /^(?:see also|see more|read also|also read|also see|also:|read more|read next|more from|more on this|watch:|listen:|watch video|watch live|related:)(?:\b|\s|$)/i,
    maxWords: 30,
    note: "See also …, Read more: …, Related: … teasers",
  },
  {
    reason: "related",
    pattern:
      /^(?:related(?:\s+(?:articles?|stories|news|coverage|content|topics|posts|links))?|you (?:may|might) also like(?:\.\.\.|…)?|recommended(?:\s+for you)?|most (?:read|popular|viewed)|trending(?: now)?|editor'?s picks|top stories|latest news|(?:more|other) (?:[\p{L}']+ ){0,3}(?:stories|articles|news|coverage)|more|don['’]?t miss|tags?|topics|filed under|tell us what you think(?:\.\.\.|…)?)\s*[:\-–—]?$/iu,
    maxWords: 8,
    note: "headings of related-link blocks",
  },
  {
    reason: "related",
    pattern:
      /^(?:recent|latest|popular|trending|related|more)(?: (?:this week|today|now|articles|posts|stories|news|coverage|reading|content|links|videos))+(?: (?:from|on|in|about) [^.!?]{1,60})?\s*:?$/i,
    maxWords: 12,
    note: "Recent articles, Popular this week, Related coverage from …: (headings of link lists)",
  },
  {
    reason: "share-bar",
    pattern:
      /^(?:(?:share|tweet|email|e-mail|mail|print|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|pin|flipboard|submit|sms|messenger|copy link|share this(?: article| story)?|share on \w+)\s*[|,•·/]?\s*){1,10}$/i,
    maxWords: 12,
    note: "Share | Tweet | Email",
  },
  {
    reason: "newsletter",
    pattern:
      /^(?:sign up|subscribe)\b|\b(?:sign up for|subscribe to)\b[^.]{0,60}\b(?:newsletters?|alerts|updates|emails?|briefing|digest)\b|\bour (?:free )?newsletters?\b|(?:'s|’s) newsletters\b|\b(?:get|delivered|sent|straight|right|meet)\b[^.]{0,30}\byour inbox\b|\bbreaking news (?:alerts|emails)\b|^(?:sign in|log in|register|subscriber services)$/i,
    maxWords: 30,
    note: "newsletter and subscription boxes",
  },
  {
    reason: "advertisement",
    pattern:
      /^(?:advertisement|advert|sponsored(?: content)?|ad|promoted|story continues below(?: advertisement)?|continue reading below|learn more|shop now|buy now|get the app|download the app)$|^click here\b|\bclick here (?:to|for) (?:get|download|subscribe|more|sign)/i,
    maxWords: 25,
    note: "ad markers and click-here promotions",
  },
  {
    reason: "comments",
    pattern:
      /^(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|show comments|view comments)\s*(?:\(\d+\))?$/i,
    maxWords: 6,
    note: "comment-section headings",
  },
  {
    reason: "navigation",
    pattern:
      /^(?:home|news|world|skip to (?:main )?content|back to top|next article|previous article|menu|search|contact(?: us)?|about(?: us)?|privacy(?: policy)?|terms(?: of (?:use|service))?|cookie (?:policy|settings)|advertise(?: with us)?|careers|sitemap)(?:\s*[>›»|/]\s*[\w ]+){0,6}$/i,
    maxWords: 12,
    note: "breadcrumbs and skip links",
  },
  {
    reason: "navigation",
    pattern:
      /^(?:(?:hide|show|toggle) )?caption$|^(?:close|open|expand|collapse|enlarge)(?: (?:all|this image|image|gallery))?$|^(?:text|font) size$|^(?:order )?reprints?$|^print (?:article|this (?:article|page|story))$/i,
    maxWords: 4,
    note: "controls of the page: Caption, Close, Text size, Order reprints, Print article",
  },
  {
    reason: "navigation",
    pattern: /^(?:breaking(?: news)?|just in|developing(?: story)?|exclusive|live(?: updates)?|watch live)$/i,
    maxWords: 3,
    note: "story labels alone on a line: BREAKING NEWS, Developing story, Live updates",
  },
  {
    reason: "see-also",
    pattern: /^follow (?:[\p{L}'’]+ ){0,3}(?:full |live |latest |complete )?coverage\b/iu,
    maxWords: 25,
    note: "Follow our full coverage of … at …",
  },
  {
    reason: "date-line",
    pattern:
      /^\|?\s*(?:posted|updated|published|last updated|first published|modified)(?:\s+on|\s+at)?\s*:?\s*(?=[^.]*\d)[\p{L}\p{N}]/iu,
    maxWords: 12,
    note: "Posted/Updated/Published lines with a date or time",
  },
  {
    reason: "byline",
    pattern:
      /^(?:about the author|view author archive|email the author|more (?:articles|stories|posts) (?:from|by) |(?:with|additional) (?:reporting|post wires)|follow (?:us |him |her |them |me )?on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|telegram)\b|(?:email|contact|write to) [\p{L} .'-]{2,40} at \S+@|reach (?:the )?(?:reporters?|writers?|authors?|correspondents?) (?:at|on|by) |have a tip\?|[\p{L} .'-]{2,40} (?:may|can) be reached at |by$)/iu,
    maxWords: 40,
    note: "author boxes and contact lines",
  },
  {
    reason: "other",
    pattern:
      /\b(?:all rights reserved|subject to copyright|contents of this site are|join our [\p{L} ]{1,30} forums?|retrieved \d{1,2} \p{L}+ \d{4} from)\b/iu,
    maxWords: 60,
    note: "copyright, citation and forum notices",
  },
];

/** A byline at the top of a text: "By Jane Doe", "By Jane Doe and John Roe, Reuters". */
export const BYLINE =
  /^[Bb][Yy]:?\s+([A-Z][\p{L}'’.-]+(?:\s+(?:[A-Z][\p{L}'’.-]+|and|&|de|van|von|al|bin|la)){0,8})(?:\s*[,|–—-]\s*(.{1,60}))?$/u;

/**
 * A line that only claims where the text comes from: "- Reuters.com", "— Reuters", "Source: Yonhap News".
 * Group 1 is the claimed outlet.
 */
export const CLAIMED_SOURCE = [
  /^[-–—•|]\s*((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,4}|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\s*$/u,
  /^(?:source|originally published (?:by|in|at|on))\s*:?\s+((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,4}|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\.?$/iu,
];

/**
 * The dateline at the start of a story; group 1 is the place. Forms: "(SEOUL) …", "SEOUL (Reuters) — …",
 * "Pyongyang – …", "Pyongyang, December 24 (KCNA) -- …", "WASHINGTON, June 3 — …", "SEOUL, Korea —".
 */
export const DATELINES: RegExp[] = [
  /^\(\s*([A-Z][\p{L}.'’ -]{1,40}?)(?:\s*,\s*[\p{L} .]{1,30})?\s*\)\s*[-–—:]*\s*/u,
  // TASS style: "MOSCOW, November 4. /TASS/."
  /^([A-Z][\p{Lu}.'’ -]{1,40}),\s+[A-Z][\p{L}]+\.?\s+\d{1,2}\.\s*\/[^/\n]{1,40}\/\.?\s+/u,
  /^([A-Z][\p{L}.'’]+(?:[ -][A-Z][\p{L}.'’]+){0,3})(?:\s*,\s*[A-Z][\p{L}.]+(?:\s+\d{1,2}(?:,\s*\d{4})?)?)?(?:\s*\([\p{L}\p{N} .&'’-]{1,40}\))?\s*(?:--|[-–—:])\s+/u,
];

/** Words a caption uses to point at a picture. */
export const PICTURE_CUES =
  /\b(?:pictured|seen here|in this (?:file )?(?:photo|picture|image)|(?:\(|\b)(?:left|right|centre|center|top|above|below)\)|file photo|photo taken)\b/i;

import type { Store } from "../store/types.js";

export type ExportKind = "articles" | "claims" | "ledger";
export type ExportFormat = "json" | "csv";

/** RFC 4180 field quoting; a leading =,+,-,@ is prefixed with ' so spreadsheets never run article text as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

const ARTICLE_COLUMNS = [
  "id",
  "source",
  "url",
  "title",
  "section",
  "published",
  "publishedFrom",
  "outlet",
  "claimedSource",
  "dateline",
  "byline",
  "language",
  "entities",
  "claims",
  "flags",
  "body",
] as const;

const CLAIM_COLUMNS = [
  "articleId",
  "source",
  "outlet",
  "published",
  "type",
  "subject",
  "object",
  "item",
  "quantity",
  "when",
  "whenText",
  "holder",
  "holderKind",
  "stance",
  "confidence",
  "evidence",
  "start",
  "end",
] as const;

const LEDGER_COLUMNS = [
  "id",
  "type",
  "subject",
  "object",
  "item",
  "quantity",
  "when",
  "holders",
  "mentions",
  "outlets",
  "independentSources",
  "contested",
] as const;

/**
 * Stream an export to `write` chunk by chunk, so a large store never has to fit in one string.
 * JSON is one array; CSV has a header row.
 */
export async function exportStore(
  store: Store,
  kind: ExportKind,
  format: ExportFormat,
  write: (chunk: string) => void,
): Promise<number> {
  let count = 0;
  const emit = (record: Record<string, unknown>, columns: readonly string[]) => {
    if (format === "json") write(`${count === 0 ? "[\n" : ",\n"}${JSON.stringify(record)}`);
    else write(csvRow(columns.map((c) => record[c])));
    count += 1;
  };
  if (format === "csv") {
    const columns =
      kind === "articles" ? ARTICLE_COLUMNS : kind === "claims" ? CLAIM_COLUMNS : LEDGER_COLUMNS;
    write(csvRow([...columns]));
  }
  if (kind === "articles") {
    for await (const doc of store.iterateArticles(200)) {
      if (format === "json") emit({ ...doc }, ARTICLE_COLUMNS);
      else
        emit(
          {
            ...doc.article,
            entities: doc.entities.map((e) => e.name).join("; "),
            claims: doc.claims.length,
            flags: doc.flags.map((f) => f.kind).join("; "),
          },
          ARTICLE_COLUMNS,
        );
    }
  } else if (kind === "claims") {
    for (const claim of await store.listClaims({})) {
      emit(
        format === "json"
          ? { ...claim }
          : {
              ...claim,
              quantity: claim.quantity?.text ?? null,
              evidence: claim.evidence.text,
              start: claim.evidence.start,
              end: claim.evidence.end,
            },
        CLAIM_COLUMNS,
      );
    }
  } else {
    const ledger = await store.getLedger();
    for (const claim of ledger.claims) {
      emit(
        format === "json"
          ? { ...claim }
          : {
              ...claim,
              quantity: claim.quantity?.text ?? null,
              holders: claim.holders.map((h) => `${h.holder}: ${h.stance}`).join("; "),
            },
        LEDGER_COLUMNS,
      );
    }
  }
  if (format === "json") write(count === 0 ? "[]\n" : "\n]\n");
  return count;
}

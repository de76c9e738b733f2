/** Plain-text presentation helpers for the CLI's human-readable output. */

/** Collapse whitespace and cut to `max` characters with an ellipsis. */
export function clip(text: string | null | undefined, max: number): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/** A left-aligned text table; `columns` give header and maximum width. */
export function table(
  columns: { header: string; max?: number }[],
  rows: (string | number | null)[][],
): string {
  const cells = rows.map((row) =>
    row.map((v, i) => clip(v === null ? "—" : String(v), columns[i]?.max ?? 40)),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return (
    [line(columns.map((c) => c.header)), line(widths.map((w) => "─".repeat(w))), ...cells.map(line)].join(
      "\n",
    ) + "\n"
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The baseline: @mozilla/readability's textContent on a linkedom DOM, exactly as the dataset README measured. */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export function readabilityText(html: string): string {
  const { document } = parseHTML(html);
  // biome-ignore lint/suspicious/noExplicitAny: Readability is typed against the browser Document.
  const result = new Readability(document as any).parse();
  return result?.textContent ?? "";
}

/** Test helpers of the clean stage. */
import type { RawDocument } from "../types.js";

/** A plain-text document as the ingest stage hands it to clean. */
export const plainText = (
  content: string,
  hints: RawDocument["hints"] = {},
  source = "t.txt",
): RawDocument => ({
  source,
  kind: "text",
  contentType: "text/plain",
  content,
  hints,
});

import cliProgress from "cli-progress";
import type { IngestProgress } from "../app/ingest.js";
import type { CliIO } from "./context.js";

/** A progress bar on stderr, drawn only when stderr is a terminal and there is more than one item. */
export function progressBar(io: CliIO, label: string): IngestProgress {
  if (!io.stderrIsTTY) return { start() {}, tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total) {
      if (total < 2) return;
      bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} {percentage}% | eta {eta_formatted} | {source}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { source: "" });
    },
    tick(source) {
      bar?.increment(1, { source: source.length > 40 ? `…${source.slice(-39)}` : source });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

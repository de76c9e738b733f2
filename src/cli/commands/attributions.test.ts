import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Command } from "commander";
import type { CliContext } from "../context.js";
import { type AttributionsRecord, register } from "./attributions.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const ctx: CliContext = {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false },
    openStore: () => Promise.reject(new Error("attributions must not open the store")),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command().exitOverride();
  register(program, ctx);
  await program.parseAsync(["node", "watchdesk", "attributions", ...args]);
  return { out: out.join(""), err: err.join(""), exitCode };
}

const text =
  "Ferry strike ends at the harbor\n\n" +
  "The harbor officials said on Monday that the strike had ended after a pay deal.\n\n" +
  "“We got what we asked for,” said Mara Olsen, the union's chair.\n";
const html = `<html><head><title>Port news</title></head><body><article><p>The   harbor master said the <b>new</b> cranes would arrive in May.</p><p>“It is a good day,” said Ivo Rask, the mayor of the port town.</p></article></body></html>`;
const dir = mkdtempSync(join(tmpdir(), "watchdesk-attributions-"));
writeFileSync(join(dir, "ferry-strike.txt"), text);
writeFileSync(join(dir, "port.html"), html);

const slice = (raw: string, spans: [number, number][] | null) =>
  (spans ?? []).map(([s, e]) => raw.slice(s, e)).join(" … ");

describe("watchdesk attributions --jsonl", () => {
  it("prints per file its stem and source/cue/content spans into the raw text", async () => {
    const { out, exitCode } = await run([dir, "--jsonl"]);
    assert.equal(exitCode, 0);
    const records = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AttributionsRecord);
    const txt = records.find((r) => r.doc === "ferry-strike");
    assert.ok(txt);
    const found = txt.attributions.map((a) => ({
      source: slice(text, a.source),
      cue: slice(text, a.cue),
      content: slice(text, a.content),
    }));
    assert.ok(
      found.some((a) => /officials/.test(a.source) && a.cue === "said" && /strike had ended/.test(a.content)),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((a) => a.source.includes("Mara Olsen") && /We got what we asked for/.test(a.content)),
      JSON.stringify(found),
    );
    const page = records.find((r) => r.doc === "port");
    assert.ok(page);
    const quote = page.attributions.find((a) => /good day/.test(slice(html, a.content)));
    assert.ok(quote, JSON.stringify(page));
    assert.equal(slice(html, quote.cue), "said");
    assert.match(slice(html, quote.source), /Ivo Rask/);
  });

  it("says so when nothing is found to read", async () => {
    const empty = mkdtempSync(join(tmpdir(), "watchdesk-attributions-empty-"));
    const { err, exitCode } = await run([empty, "--jsonl"]);
    assert.equal(exitCode, 1);
    assert.match(err, /no input files/);
  });
});

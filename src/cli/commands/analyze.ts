import { analyzeInput } from "../../app/index.js";
import type { AnalyzedArticle } from "../../types.js";
import type { CliIO, RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { clip } from "../format.js";
import { linkForAnalyze } from "./sanctions.js";

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("analyze")
    .description("analyze one document (file or URL) and print what was found; nothing is stored")
    .argument("<input>", "a file or an http(s) URL")
    .option("--json", "print the full analysis as JSON")
    .option("--allow-private-network", "allow URLs that resolve to private, loopback or link-local addresses")
    .option(
      "--sanctions <file>",
      "link entities against this UN list XML (default: the list imported into --db)",
    )
    .option("--link", "link against the list imported into the store (--db), whatever the engine")
    .option("--no-link", "do not link entities against any sanctions list")
    .action(async (input: string, opts) => {
      const analyzed = await analyzeInput(input, { allowPrivateNetwork: Boolean(opts.allowPrivateNetwork) });
      const result = await linkForAnalyze(program, ctx, analyzed, opts);
      if (opts.json) printJson(ctx.io, result);
      else printAnalysis(ctx.io, result);
    });
};

export function printAnalysis(io: CliIO, r: AnalyzedArticle): void {
  const a = r.article;
  const out: string[] = [];
  out.push(a.title || "(untitled)");
  const meta = [
    a.outlet && `outlet: ${a.outlet}`,
    a.claimedSource && `claims to be from: ${a.claimedSource}`,
    `published: ${a.published ?? "unknown"}${a.published ? ` (from ${a.publishedFrom})` : ""}`,
    a.dateline && `dateline: ${a.dateline}`,
    a.byline && `by ${a.byline}`,
  ].filter(Boolean);
  out.push(meta.join(" · "));
  if (a.removed.length)
    out.push(`removed ${a.removed.length} line(s): ${a.removed.map((x) => x.reason).join(", ")}`);
  out.push("", `Entities (${r.entities.length})`);
  for (const e of r.entities) {
    const aliases = e.aliases.filter((x) => x !== e.name);
    out.push(
      `  ${e.type.padEnd(7)} ${e.name}${aliases.length ? ` — also ${aliases.join(", ")}` : ""}${e.roles.length ? ` [${e.roles.join("; ")}]` : ""}${e.sanctions?.length ? ` (sanctions: ${e.sanctions.map((s) => `${s.reference} ${s.score}`).join(", ")})` : ""}`,
    );
  }
  out.push("", `Attributions (${r.attributions.length})`);
  for (const q of r.attributions) {
    out.push(
      `  ${q.speaker ?? "(no speaker)"} — ${q.cue} — ${q.quoted ? "“" : ""}${clip(q.content, 90)}${q.quoted ? "”" : ""}${q.channel ? ` (via ${q.channel})` : ""}`,
    );
  }
  out.push("", `Claims (${r.claims.length})`);
  for (const c of r.claims) {
    const parties = [c.subject, c.object].filter(Boolean).join(" → ");
    const what = [c.item, c.quantity?.text].filter(Boolean).join(", ");
    out.push(
      `  ${c.type} ${parties}${what ? ` (${what})` : ""} — ${c.holder}: ${c.stance}${c.when ? ` — ${c.when}` : c.whenText ? ` — "${c.whenText}" unresolved` : ""}`,
    );
  }
  if (r.flags.length) {
    out.push("", `Flags (${r.flags.length})`);
    for (const f of r.flags) out.push(`  ${f.kind}: ${f.message}`);
  }
  io.stdout(`${out.join("\n")}\n`);
}

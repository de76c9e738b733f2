// Stories and the ledger: stories, story, merge-stories, split-story, ledger, claim, discrepancies, changes,
// timeline, report.
import { writeFileSync } from "node:fs";
import { Option } from "commander";
import {
  changesSince,
  decideStories,
  getClaim,
  getStory,
  listDiscrepancies,
  listLedger,
  listStories,
} from "../../app/index.js";
import { entityTimeline } from "../../app/ledger.js";
import { REPORT_FORMATS, type ReportFormat, storyReport } from "../../app/report.js";
import { WatchdeskError } from "../../errors.js";
import type { CanonicalClaim } from "../../types.js";
import type { CliContext, RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { clip, plural, table } from "../format.js";

function holdersText(c: CanonicalClaim): string {
  return c.holders.map((h) => `${h.holder} ${h.stance}`).join("; ");
}

function ledgerTable(claims: CanonicalClaim[]): string {
  return table(
    [
      { header: "id", max: 15 },
      { header: "type", max: 20 },
      { header: "subject → object", max: 30 },
      { header: "item", max: 24 },
      { header: "when", max: 10 },
      { header: "holders (stance)", max: 50 },
      { header: "indep.", max: 6 },
      { header: "mentions", max: 8 },
    ],
    claims.map((c) => [
      c.id,
      c.type + (c.contested ? " ⚠" : ""),
      `${c.subject ?? "?"} → ${c.object ?? "—"}`,
      [c.quantity?.text, c.item].filter(Boolean).join(" ") || null,
      c.when,
      holdersText(c),
      c.independentSources,
      c.mentions,
    ]),
  );
}

const withStore = async <T>(
  ctx: CliContext,
  fn: (store: Awaited<ReturnType<CliContext["openStore"]>>) => Promise<T>,
) => {
  const store = await ctx.openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

export const register: RegisterCommand = (program, ctx) => {
  program
    .command("stories")
    .description("stories (articles about one event), latest first, with syndicated copies marked")
    .option("--json", "print one JSON array")
    .action((opts) =>
      withStore(ctx, async (store) => {
        const stories = await listStories(store);
        if (opts.json)
          return printJson(
            ctx.io,
            stories.map((s) => ({
              ...s,
              articles: s.articles.map((a) => ({
                id: a.id,
                source: a.source,
                duplicateOf: a.duplicateOf,
                title: a.title,
                outlet: a.outlet,
                published: a.published,
              })),
            })),
          );
        if (stories.length === 0) return ctx.io.stdout("no stories yet: try `watchdesk ingest <files>`\n");
        for (const s of stories) {
          const copies = s.articles.filter((a) => a.duplicateOf).length;
          const span = s.start ? (s.start === s.end ? s.start : `${s.start} → ${s.end}`) : "undated";
          ctx.io.stdout(
            `${s.id}  ${clip(s.title, 70)}\n  ${span} · ${plural(s.articles.length, "article")}${copies ? ` (${plural(copies, "copy", "copies")})` : ""}\n`,
          );
          for (const a of s.articles) {
            const mark = a.duplicateOf ? `  copy of ${a.duplicateOf.slice(0, 10)}` : "";
            ctx.io.stdout(
              `    ${a.published ?? "––––––––––"}  ${clip(a.outlet ?? a.source, 24).padEnd(24)}  ${clip(a.title, 50)}${mark}\n`,
            );
          }
        }
      }),
    );

  program
    .command("story")
    .description("one story: its articles, claims with holders and stance, discrepancies and timeline")
    .argument("<id>", "story id (or a unique prefix)")
    .option("--json", "print JSON")
    .action((id: string, opts) =>
      withStore(ctx, async (store) => {
        const s = await getStory(store, id);
        if (opts.json) return printJson(ctx.io, s);
        ctx.io.stdout(
          `${s.title}\n${s.id} · ${s.start ?? "undated"}${s.end && s.end !== s.start ? ` → ${s.end}` : ""}\n\narticles\n`,
        );
        for (const a of s.articles)
          ctx.io.stdout(
            `  ${a.id.slice(0, 12)}  ${a.published ?? "undated   "}  ${clip(a.outlet ?? a.source, 24)}  ${clip(a.title, 60)}${a.duplicateOf ? `  (copy of ${a.duplicateOf.slice(0, 12)})` : ""}\n`,
          );
        if (s.claims.length) ctx.io.stdout(`\nclaims\n${ledgerTable(s.claims)}`);
        if (s.discrepancies.length) {
          ctx.io.stdout("\ndiscrepancies\n");
          for (const d of s.discrepancies) ctx.io.stdout(`  ${d.kind}: ${d.message}\n`);
        }
        ctx.io.stdout("\ntimeline\n");
        for (const t of s.timeline) ctx.io.stdout(`  ${t.date ?? "undated   "}  ${clip(t.text, 100)}\n`);
      }),
    );

  program
    .command("merge-stories")
    .description("put the stories of these articles together; the decision is kept across re-runs")
    .argument("<article-ids...>", "one article of each story to merge")
    .option("--json", "print the stories as JSON")
    .action((ids: string[], opts) =>
      withStore(ctx, async (store) => {
        const stories = await decideStories(store, "merge", ids);
        if (opts.json) return printJson(ctx.io, stories);
        ctx.io.stdout(`merged; ${plural(stories.length, "story", "stories")} now\n`);
      }),
    );

  program
    .command("split-story")
    .description("take these articles out of their story; the decision is kept across re-runs")
    .argument("<article-ids...>", "articles to take out")
    .option("--json", "print the stories as JSON")
    .action((ids: string[], opts) =>
      withStore(ctx, async (store) => {
        const stories = await decideStories(store, "split", ids);
        if (opts.json) return printJson(ctx.io, stories);
        ctx.io.stdout(`split; ${plural(stories.length, "story", "stories")} now\n`);
      }),
    );

  program
    .command("ledger")
    .description("canonical claims merged across articles: holders and stance, independent sources")
    .option("--type <type>", "claim type, e.g. ARMS_TRANSFER")
    .option("--entity <name>", "an entity name, alias or key among the parties or holders, e.g. DPRK")
    .option("--contested", "only claims that someone asserts and someone denies")
    .option("--since <date>", "only claims with evidence published on or after YYYY-MM-DD")
    .option("--story <id>", "only claims of this story")
    .option("--json", "print one JSON array")
    .action((opts) =>
      withStore(ctx, async (store) => {
        const claims = await listLedger(store, {
          type: opts.type?.toUpperCase(),
          entity: opts.entity,
          contested: Boolean(opts.contested),
          since: opts.since,
          storyId: opts.story,
        });
        if (opts.json) return printJson(ctx.io, claims);
        if (claims.length === 0)
          return ctx.io.stdout(opts.contested ? "no contested claims\n" : "no claims match\n");
        ctx.io.stdout(ledgerTable(claims));
      }),
    );

  program
    .command("claim")
    .description("one canonical claim with all its evidence and discrepancies")
    .argument("<id>", "canonical claim id (from `watchdesk ledger`)")
    .option("--json", "print JSON")
    .action((id: string, opts) =>
      withStore(ctx, async (store) => {
        const c = await getClaim(store, id);
        if (opts.json) return printJson(ctx.io, c);
        ctx.io.stdout(ledgerTable([c]));
        ctx.io.stdout("\nevidence\n");
        for (const e of c.evidence)
          ctx.io.stdout(
            `  ${e.published ?? "undated   "}  ${clip(e.outlet ?? e.source, 22)}  ${e.holder} ${e.stance}${e.duplicateOf ? " (copy)" : ""}\n    “${clip(e.evidence.text, 140)}”\n`,
          );
        for (const d of c.discrepancies) ctx.io.stdout(`\n${d.kind}: ${d.message}\n`);
      }),
    );

  program
    .command("discrepancies")
    .description("stance conflicts, swapped actors, conflicting numbers, dates or roles, provenance problems")
    .addOption(
      new Option("--kind <kind>", "only this kind").choices([
        "STANCE_CONFLICT",
        "ACTOR_SWAP",
        "DATE_CONFLICT",
        "QUANTITY_CONFLICT",
        "ROLE_CONFLICT",
        "CLAIMED_SOURCE_MISMATCH",
        "STALE_COPY",
      ]),
    )
    .option("--json", "print one JSON array")
    .action((opts) =>
      withStore(ctx, async (store) => {
        const list = await listDiscrepancies(store, opts.kind);
        if (opts.json) return printJson(ctx.io, list);
        if (list.length === 0) return ctx.io.stdout("no discrepancies\n");
        for (const d of list) ctx.io.stdout(`${d.kind}  ${d.message}\n`);
      }),
    );

  program
    .command("changes")
    .description("what changed since a date: new claims, new denials, claims with new evidence")
    .requiredOption("--since <date>", "YYYY-MM-DD")
    .option("--json", "print JSON")
    .action((opts) =>
      withStore(ctx, async (store) => {
        const c = await changesSince(store, opts.since);
        if (opts.json) return printJson(ctx.io, c);
        ctx.io.stdout(
          `since ${c.since}: ${plural(c.newClaims.length, "new claim")}, ${plural(c.newDenials.length, "new denial")}, ${plural(c.updatedClaims.length, "claim")} with new evidence\n`,
        );
        if (c.newClaims.length) ctx.io.stdout(`\nnew claims\n${ledgerTable(c.newClaims)}`);
        if (c.newDenials.length) {
          ctx.io.stdout("\nnew denials\n");
          for (const d of c.newDenials)
            ctx.io.stdout(
              `  ${d.published ?? "undated"}  ${d.holder} denies ${d.claim.type} (${d.claim.id})\n`,
            );
        }
        if (c.updatedClaims.length)
          ctx.io.stdout(`\nclaims with new evidence\n${ledgerTable(c.updatedClaims)}`);
      }),
    );

  program
    .command("timeline")
    .description("claims in date order: every report naming an entity (--entity), or one story's (--story)")
    .option("--entity <name>", "an entity name, alias or key, e.g. DPRK")
    .option("--story <id>", "a story id (or a unique prefix)")
    .option("--since <date>", "only reports published on or after YYYY-MM-DD (with --entity)")
    .option("--copies", "also list the copies' evidence (with --entity)")
    .option("--json", "print JSON")
    .action((opts) =>
      withStore(ctx, async (store) => {
        if (Boolean(opts.entity) === Boolean(opts.story)) {
          throw new WatchdeskError("BAD_OPTION", "give either --entity or --story", {
            input: [opts.entity, opts.story].filter(Boolean).join(" ") || "(none)",
            hint: "e.g. `watchdesk timeline --entity DPRK` or `watchdesk timeline --story st_1a2b`",
            exitCode: 2,
          });
        }
        if (opts.story) {
          const s = await getStory(store, opts.story);
          if (opts.json) return printJson(ctx.io, s.timeline);
          ctx.io.stdout(`${s.title}\n`);
          for (const t of s.timeline) ctx.io.stdout(`  ${t.date ?? "undated   "}  ${clip(t.text, 110)}\n`);
          return;
        }
        const t = await entityTimeline(store, opts.entity, {
          ...(opts.since ? { since: opts.since } : {}),
          copies: Boolean(opts.copies),
        });
        if (opts.json) return printJson(ctx.io, t);
        if (t.entries.length === 0) return ctx.io.stdout(`no claims name ${opts.entity}\n`);
        for (const e of t.entries)
          ctx.io.stdout(
            `${e.date ?? "undated   "}  ${e.type.padEnd(20)} ${clip(`${e.holder} ${e.stance}`, 30).padEnd(30)}  ${clip(e.outlet ?? "", 20).padEnd(20)}  ${clip(e.text, 80)}${e.copy ? " (copy)" : ""}\n`,
          );
      }),
    );

  program
    .command("report")
    .description("a brief on one story an analyst can send: claims with who asserts and who denies, sources")
    .argument("<story-id>", "story id (or a unique prefix)")
    .addOption(new Option("--format <format>", "md or html").choices([...REPORT_FORMATS]).default("md"))
    .option("--out <file>", "write to this file instead of standard output")
    .action((id: string, opts: { format: ReportFormat; out?: string }) =>
      withStore(ctx, async (store) => {
        const text = await storyReport(store, id, opts.format);
        if (!opts.out) return ctx.io.stdout(text);
        try {
          writeFileSync(opts.out, text);
        } catch (error) {
          throw new WatchdeskError(
            "WRITE_FAILED",
            `could not write the report: ${(error as Error).message}`,
            {
              input: opts.out,
              hint: "check that the folder exists and is writable",
            },
          );
        }
        ctx.io.stderr(`wrote the ${opts.format} brief to ${opts.out}\n`);
      }),
    );
};

// The read commands of the foundation: articles, article, claims, search, export.
import { createWriteStream } from "node:fs";
import { Option } from "commander";
import { exportStore, getArticle, listArticles, listClaims, searchArticles } from "../../app/index.js";
import { WatchdeskError } from "../../errors.js";
import type { Stance } from "../../types.js";
import type { RegisterCommand } from "../context.js";
import { printJson } from "../context.js";
import { clip, plural, table } from "../format.js";

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new WatchdeskError("BAD_OPTION", `${name} must be a whole number`, { input: value, exitCode: 2 });
    }
    return n;
  };
}

const STANCES = ["ASSERT", "DENY", "HEDGE", "DECLINE"];

export const register: RegisterCommand = (program, ctx) => {
  const withStore = async <T>(fn: (store: Awaited<ReturnType<typeof ctx.openStore>>) => Promise<T>) => {
    const store = await ctx.openStore();
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  program
    .command("articles")
    .description("list stored articles, newest first")
    .option("--outlet <name>", "only this outlet")
    .option("--from <date>", "published on or after YYYY-MM-DD")
    .option("--to <date>", "published on or before YYYY-MM-DD")
    .option("--limit <n>", "at most n articles", positiveInt("--limit"), 50)
    .option("--offset <n>", "skip the first n", positiveInt("--offset"), 0)
    .option("--json", "print one JSON array")
    .action((opts) =>
      withStore(async (store) => {
        const rows = await listArticles(store, {
          outlet: opts.outlet,
          from: opts.from,
          to: opts.to,
          limit: opts.limit,
          offset: opts.offset,
        });
        if (opts.json) return printJson(ctx.io, rows);
        if (rows.length === 0)
          return ctx.io.stdout("no articles stored yet: try `watchdesk ingest <files>`\n");
        ctx.io.stdout(
          table(
            [
              { header: "id", max: 16 },
              { header: "published", max: 10 },
              { header: "outlet", max: 22 },
              { header: "title", max: 60 },
              { header: "claims", max: 6 },
              { header: "flags", max: 5 },
            ],
            rows.map((r) => [
              r.id,
              r.published,
              r.outlet ?? r.claimedSource,
              r.title,
              r.claimCount,
              r.flagCount,
            ]),
          ),
        );
      }),
    );

  program
    .command("article")
    .description("show one stored article with what was extracted from it")
    .argument("<id>", "article id (or a unique prefix)")
    .option("--json", "print JSON")
    .action((id: string, opts) =>
      withStore(async (store) => {
        const doc = await getArticle(store, id);
        if (opts.json) return printJson(ctx.io, doc);
        const { printAnalysis } = await import("./analyze.js");
        ctx.io.stdout(`${doc.article.id}  ${doc.article.source}\n`);
        printAnalysis(ctx.io, doc);
      }),
    );

  program
    .command("claims")
    .description("list claims as extracted from each article (see `ledger` for merged, canonical claims)")
    .option("--type <type>", "claim type, e.g. ARMS_TRANSFER")
    .option("--entity <name>", "an entity name, alias or key among the claim's parties, e.g. DPRK")
    .addOption(new Option("--stance <stance>", "only this stance").choices(STANCES))
    .option("--article <id>", "only claims from this article")
    .option("--limit <n>", "at most n claims", positiveInt("--limit"), 200)
    .option("--json", "print one JSON array")
    .action((opts) =>
      withStore(async (store) => {
        const rows = await listClaims(store, {
          type: opts.type?.toUpperCase(),
          entity: opts.entity,
          stance: opts.stance as Stance | undefined,
          articleId: opts.article,
          limit: opts.limit,
        });
        if (opts.json) return printJson(ctx.io, rows);
        if (rows.length === 0) return ctx.io.stdout("no claims match\n");
        ctx.io.stdout(
          table(
            [
              { header: "type", max: 20 },
              { header: "subject", max: 16 },
              { header: "object", max: 16 },
              { header: "holder", max: 20 },
              { header: "stance", max: 7 },
              { header: "when", max: 10 },
              { header: "evidence", max: 70 },
            ],
            rows.map((c) => [c.type, c.subject, c.object, c.holder, c.stance, c.when, c.evidence.text]),
          ),
        );
      }),
    );

  program
    .command("search")
    .description('full-text search over titles and bodies (words, "quoted phrases")')
    .argument("<query...>", "what to look for")
    .option("--outlet <name>", "only this outlet")
    .option("--entity <name>", "only articles that mention this entity")
    .option("--type <type>", "only articles with a claim of this type")
    .addOption(new Option("--stance <stance>", "only articles with a claim of this stance").choices(STANCES))
    .option("--from <date>", "published on or after YYYY-MM-DD")
    .option("--to <date>", "published on or before YYYY-MM-DD")
    .option("--limit <n>", "at most n hits", positiveInt("--limit"), 20)
    .option("--json", "print one JSON array")
    .action((words: string[], opts) =>
      withStore(async (store) => {
        const hits = await searchArticles(store, {
          text: words.join(" "),
          outlet: opts.outlet,
          entity: opts.entity,
          claimType: opts.type?.toUpperCase(),
          stance: opts.stance,
          from: opts.from,
          to: opts.to,
          limit: opts.limit,
        });
        if (opts.json) return printJson(ctx.io, hits);
        if (hits.length === 0) return ctx.io.stdout("no matches\n");
        for (const h of hits) {
          ctx.io.stdout(
            `${h.id}  ${h.published ?? "undated"}  ${h.outlet ?? ""}  ${clip(h.title, 80)}\n    ${clip(h.snippet, 160)}\n`,
          );
        }
        ctx.io.stdout(`${plural(hits.length, "match", "matches")}\n`);
      }),
    );

  program
    .command("export")
    .description("export articles, claims or the ledger as JSON or CSV")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .addOption(
      new Option("--kind <kind>", "what to export")
        .choices(["articles", "claims", "ledger"])
        .default("articles"),
    )
    .option("--out <file>", "write to this file instead of standard output")
    .action((opts) =>
      withStore(async (store) => {
        if (!opts.out) {
          await exportStore(store, opts.kind, opts.format, (chunk) => ctx.io.stdout(chunk));
          return;
        }
        const file = createWriteStream(opts.out);
        const done = new Promise<void>((resolve, reject) => {
          file.on("error", reject);
          file.on("finish", resolve);
        });
        const count = await exportStore(store, opts.kind, opts.format, (chunk) => file.write(chunk));
        file.end();
        await done.catch((error: unknown) => {
          throw new WatchdeskError(
            "WRITE_FAILED",
            `could not write the export: ${(error as Error).message}`,
            {
              input: opts.out,
              hint: "check that the folder exists and is writable",
            },
          );
        });
        ctx.io.stderr(`wrote ${plural(count, opts.kind.replace(/s$/, ""))} to ${opts.out}\n`);
      }),
    );
};

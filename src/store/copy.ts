/**
 * Copy one store into another (`watchdesk migrate --from desk.db --to postgres://…`). Written against the
 * Store interface, so it works between any two engines. Idempotent: articles already in the target are
 * skipped; stories, duplicates, the ledger and the sanctions list are replaced by the source's; story
 * decisions, problems and API tokens (hashes, revocations included) the target already holds are not added
 * twice.
 */
import { KyselyStore } from "./kysely-store.js";
import type { Store, StoredArticle } from "./types.js";

export interface CopyProgress {
  start(total: number): void;
  tick(done: number): void;
  stop(): void;
}

export interface CopyReport {
  articles: number;
  inserted: number;
  skipped: number;
  stories: number;
  duplicates: number;
  ledgerClaims: number;
  decisions: number;
  problems: number;
  sanctionsEntries: number;
  /** API tokens new to the target. */
  tokens: number;
}

const BATCH = 200;

export async function copyStore(from: Store, to: Store, progress?: CopyProgress): Promise<CopyReport> {
  const report: CopyReport = {
    articles: 0,
    inserted: 0,
    skipped: 0,
    stories: 0,
    duplicates: 0,
    ledgerClaims: 0,
    decisions: 0,
    problems: 0,
    sanctionsEntries: 0,
    tokens: 0,
  };
  progress?.start(await from.countArticles());
  try {
    let batch: StoredArticle[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      let inserted: number;
      if (to instanceof KyselyStore) inserted = await to.importArticles(batch);
      else {
        inserted = 0;
        for (const { ingestedAt: _ingestedAt, ...doc } of batch)
          if ((await to.putArticle(doc)).inserted) inserted++;
      }
      report.articles += batch.length;
      report.inserted += inserted;
      report.skipped += batch.length - inserted;
      progress?.tick(report.articles);
      batch = [];
    };
    // Oldest ingest first, so the target keeps the source's ingest order.
    for await (const doc of from.iterateArticles(BATCH)) {
      batch.push(doc);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    progress?.stop();
  }

  const [stories, duplicates] = await Promise.all([from.listStories(), from.listDuplicates()]);
  await to.saveClustering({ stories, duplicates });
  report.stories = stories.length;
  report.duplicates = duplicates.length;

  const ledger = await from.getLedger();
  await to.saveLedger(ledger);
  report.ledgerClaims = ledger.claims.length;

  const sanctions = await from.getSanctionsList();
  if (sanctions) {
    await to.saveSanctionsList(sanctions);
    report.sanctionsEntries = sanctions.entries.length;
  }

  const known = new Set((await to.listStoryDecisions()).map((d) => JSON.stringify(d)));
  for (const decision of await from.listStoryDecisions()) {
    if (known.has(JSON.stringify(decision))) continue;
    await to.addStoryDecision(decision);
    report.decisions++;
  }

  const problemKey = (p: { source: string; code: string; message: string }) =>
    `${p.source}\0${p.code}\0${p.message}`;
  const knownProblems = new Set((await to.listProblems()).map(problemKey));
  for (const problem of await from.listProblems()) {
    if (knownProblems.has(problemKey(problem))) continue;
    knownProblems.add(problemKey(problem));
    await to.recordProblem({
      source: problem.source,
      code: problem.code,
      message: problem.message,
      hint: problem.hint,
    });
    report.problems++;
  }

  const knownTokens = new Set((await to.listTokens()).map((t) => t.id));
  for (const token of await from.listTokens()) {
    if (knownTokens.has(token.id)) {
      // Revoked in the source since the last copy: revoked here too.
      if (token.revokedAt) await to.revokeToken(token.id, token.revokedAt);
      continue;
    }
    await to.saveToken(token);
    report.tokens++;
  }
  return report;
}

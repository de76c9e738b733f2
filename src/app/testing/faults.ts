/**
 * Tools for the fault suite (src/app/faults.test.ts, src/store/faults.test.ts, scripts/soak.mjs): run the
 * real CLI (or the fault child) as a separate process, wait for it to reach a point, kill it with SIGKILL, and
 * check afterwards that the SQLite file is sound — SQLite's own integrity checks plus counts that must agree
 * (rows per article, running entity totals, stories and ledger against the articles).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../queue/testing/watchdesk.ts", import.meta.url));
const FAULT_CHILD = fileURLToPath(new URL("./fault-child.ts", import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when stdout holds this line. */
  printed(line: string): Promise<void>;
  exited: Promise<Finished>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<Finished>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Node flags, e.g. ["--max-old-space-size=256"] to prove memory stays bounded. */
  nodeArgs?: string[];
  uid?: number;
  gid?: number;
}

function run(script: string, args: string[], options: SpawnOptions = {}): Running {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", script, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  });
  let stdout = "";
  let stderr = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split("\n");
    for (const w of [...waiters]) {
      if (lines.includes(w.line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, "close").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
  }));
  return {
    child,
    output: () => ({ stdout, stderr }),
    printed: (line) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.split("\n").includes(line)) return resolve();
        waiters.push({ line, resolve });
        exited.then((f) =>
          reject(
            new Error(`exited (${f.code ?? f.signal}) before printing ${line}: ${f.stderr.slice(-1500)}`),
          ),
        );
      }),
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
  };
}

/** `watchdesk <args>` from the sources, in its own process. */
export function spawnCli(args: string[], options?: SpawnOptions): Running {
  return run(CLI, args, options);
}

export function cli(args: string[], options?: SpawnOptions): Promise<Finished> {
  return spawnCli(args, options).exited;
}

/**
 * `ingestInputs` (src/app) over a SQLite file in its own process, stopped at a chosen point so a test can kill
 * it there; see fault-child.ts for the points.
 */
export function spawnFaultChild(
  db: string,
  inputs: string[],
  fault: string,
  env: Record<string, string> = {},
) {
  return run(FAULT_CHILD, [db, ...inputs], { env: { ...env, WATCHDESK_FAULT: fault } });
}

/** Poll `probe` until it returns true (errors count as not yet), or fail after `timeoutMs`. */
export async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  what = "condition",
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet (the file may not exist or be locked)
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(15);
  }
}

/** Articles committed to the SQLite file so far (0 while it does not exist yet), read by a separate connection. */
export function committedArticles(path: string): number {
  const d = new Database(path, { readonly: true, fileMustExist: true });
  try {
    d.pragma("busy_timeout = 2000");
    return (d.prepare("select count(*) as n from articles").get() as { n: number }).n;
  } finally {
    d.close();
  }
}

export interface Soundness {
  articles: number;
  /** Article sources (file paths), sorted. */
  sources: string[];
  /** Distinct articles that belong to a story. */
  inStories: number;
  /** Claims stored per article, and claims the ledger holds as evidence. */
  claims: number;
  ledgerEvidence: number;
  problems: { source: string; code: string }[];
}

/**
 * Open the file on its own (no Watchdesk code) and check it: PRAGMA integrity_check and foreign_key_check,
 * the full-text index against its content, per-article row counts, the running entity totals, and that stories
 * name only stored articles, each in one story. Throws on the first disagreement; returns the counts.
 */
export function checkSqlite(path: string, options: { readonly?: boolean } = {}): Soundness {
  const d = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    d.pragma("busy_timeout = 5000");
    const integrity = d.pragma("integrity_check") as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== "ok")
      throw new Error(`integrity_check: ${JSON.stringify(integrity)}`);
    const orphans = d.pragma("foreign_key_check") as unknown[];
    if (orphans.length) throw new Error(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 5))}`);
    // Raises SQLITE_CORRUPT_VTAB when the index disagrees with the articles table.
    if (!options.readonly)
      d.prepare("insert into articles_fts(articles_fts) values ('integrity-check')").run();
    const one = <T>(q: string) => d.prepare(q).get() as T;
    const rows = one<Record<string, number | null>>(`select
      (select count(*) from articles) as articles,
      (select count(*) from entities) as entities, (select coalesce(sum(entity_count), 0) from articles) as se,
      (select count(*) from claims) as claims, (select coalesce(sum(claim_count), 0) from articles) as sc,
      (select count(*) from flags) as flags, (select coalesce(sum(flag_count), 0) from articles) as sf,
      (select count(*) from articles_fts) as fts`);
    for (const [a, b] of [
      ["entities", "se"],
      ["claims", "sc"],
      ["flags", "sf"],
      ["fts", "articles"],
    ] as const) {
      if (rows[a] !== rows[b]) throw new Error(`${a}: ${rows[a]} rows, but the articles say ${rows[b]}`);
    }
    const totals = one<{ n: number }>(`select count(*) as n from (
        select key, count(distinct article_id) as a, sum(mention_count) as m from entities group by key) x
      full join entity_stats s using (key)
      where s.article_count is not x.a or s.mention_count is not x.m`);
    if (totals.n) throw new Error(`${totals.n} running entity totals disagree with the entity rows`);
    const strays = one<{ n: number }>(
      "select count(*) as n from story_articles where article_id not in (select id from articles)",
    );
    if (strays.n) throw new Error(`${strays.n} story members are not stored articles`);
    const twice = one<{ n: number }>(
      "select count(*) as n from (select article_id from story_articles group by article_id having count(*) > 1)",
    );
    if (twice.n) throw new Error(`${twice.n} articles are in more than one story`);
    const inStories = one<{ n: number }>("select count(distinct article_id) as n from story_articles").n;
    const ledgerEvidence = one<{ n: number | null }>(
      "select sum(json_array_length(json, '$.evidence')) as n from ledger_claims",
    ).n;
    return {
      articles: rows.articles ?? 0,
      sources: (d.prepare("select source from articles order by source").all() as { source: string }[]).map(
        (r) => r.source,
      ),
      inStories,
      claims: rows.claims ?? 0,
      ledgerEvidence: ledgerEvidence ?? 0,
      problems: d.prepare("select source, code from problems order by seq").all() as {
        source: string;
        code: string;
      }[],
    };
  } finally {
    d.close();
  }
}

/**
 * Mount a tmpfs of `bytes` at `dir` (root only). Returns null when mounted, else why not (the caller skips or
 * falls back).
 */
export function mountTmpfs(dir: string, bytes: number): string | null {
  if (process.platform !== "linux") return "tmpfs mounts need Linux";
  if (process.getuid?.() !== 0) return "mounting a tmpfs needs root";
  mkdirSync(dir, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { encoding: "utf8" });
  return r.status === 0 ? null : `mount -t tmpfs failed: ${(r.stderr || r.error?.message || "").trim()}`;
}

/** `mount -o remount,<options> <dir>`, e.g. "ro", "rw", "size=64m". */
export function remount(dir: string, options: string): void {
  const r = spawnSync("mount", ["-o", `remount,${options}`, dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`remount ${options} ${dir}: ${r.stderr}`);
}

export function unmount(dir: string): void {
  spawnSync("umount", [dir]);
}

/** `watchdesk <args>` in this process (src/cli runCli): for the re-runs after a fault, without a spawn. */
export async function cliHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import("../../cli/main.js");
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

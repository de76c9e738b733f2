/**
 * Test helpers for the desk: a store filled through the real pipeline with short synthetic reports in the
 * domain's style (invented outlets and people), one of them hostile (markup and `javascript:` links in its
 * text), plus a tiny sanctions list, and a token to write with.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken } from "../app/tokens.js";
import { ingestUploads } from "../app/upload.js";
import { LIST_XML } from "../link/fixtures.js";
import { parseSanctionsXml } from "../link/index.js";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";

const enc = (s: string) => new TextEncoder().encode(s);

export const REPORTS: { name: string; text: string }[] = [
  {
    name: "a-ministry.txt",
    text: `April 3, 2030

Coastal Ledger

Ministry says Pyongyang moved rocket launchers north by rail

(SEOUL) North Korea shipped dozens of multiple rocket launchers to Russia last week, South Korea's defense ministry said on Wednesday, citing satellite imagery of the Tumangang rail yard.

"We are watching the rail yards closely," ministry spokesperson Han Seo-yun told reporters.

Analysts said the launchers could be used along the front in Ukraine.`,
  },
  {
    name: "b-copy.txt",
    text: `April 4, 2030

Harbor Wire Digest

Pyongyang moved rocket launchers north by rail, ministry says

(SEOUL) North Korea shipped dozens of multiple rocket launchers to Russia last week, South Korea's defense ministry said on Wednesday, citing satellite imagery of the Tumangang rail yard.

"We are watching the rail yards closely," ministry spokesperson Han Seo-yun told reporters.

Analysts said the launchers could be used along the front in Ukraine.`,
  },
  {
    name: "c-denial.txt",
    text: `April 5, 2030

Northern Review

Pyongyang rejects Seoul report on launchers

Pyongyang – North Korea on Friday denied shipping any rocket launchers to Russia, calling the South Korean report "groundless".

"The puppet military's claims are a fabrication," a spokesperson for the Foreign Ministry said in a statement carried by KCNA.`,
  },
  {
    name: "d-sanctions.txt",
    text: `April 6, 2030

Sanctions Monitor Weekly

Treasury designates Seagull Horizon Trading Company over launcher shipments

(WASHINGTON) The US Treasury Department on Thursday imposed sanctions on Seagull Horizon Trading Company, a Pyongyang firm it said arranged the rail shipments of rocket launchers to Russia.

The company also operates the vessel Sea Lark, the Treasury said.`,
  },
  {
    name: "e-hostile.txt",
    text: `April 7, 2030

Border <b>Watch</b>

Customs <script>alert("title")</script> seize drones at Sinuiju

(SEOUL) North Korea shipped drones to Russia in March, the ministry said. <script>document.title="pwned"</script> A second report <img src=x onerror="document.title='pwned'"> said more followed, see <a href="javascript:document.title='pwned'">the archive</a> or javascript:alert(4).`,
  },
];

export const HOSTILE_JSONL = `${JSON.stringify({
  headline: "Wire <img src=x onerror=\"document.title='pwned'\"> copy",
  body: "Officials said North Korea sent drones to Russia in March. <script>document.title='pwned'</script> <a href=\"javascript:alert(1)\">more</a>",
  url: "javascript:document.title='pwned'",
  outlet: "Wire <i>Desk</i>",
  published: "2030-04-08",
})}\n`;

export interface DeskFixture {
  store: Store;
  token: string;
  tokenId: string;
  dir: string;
  /** The id of the hostile article (markup in its text). */
  hostileId: string;
  close(): Promise<void>;
}

export async function deskFixture(): Promise<DeskFixture> {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-desk-"));
  const store = await openStore(join(dir, "desk.db"));
  const report = await ingestUploads(store, [
    ...REPORTS.map((r) => ({ name: r.name, bytes: enc(r.text) })),
    { name: "f-hostile.jsonl", bytes: enc(HOSTILE_JSONL) },
  ]);
  if (report.problems.length) throw new Error(`fixture ingest problems: ${JSON.stringify(report.problems)}`);
  await store.saveSanctionsList(parseSanctionsXml(LIST_XML, "fixture.xml"));
  const created = await createToken(store, "test desk");
  const hostile = (await store.listArticles()).find((a) => a.source === "upload:e-hostile.txt");
  return {
    store,
    token: created.token,
    tokenId: created.id,
    dir,
    hostileId: hostile?.id ?? "",
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

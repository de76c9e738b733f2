/**
 * An entity named in many articles: its page shows one page of articles and of claims at a time, with the
 * totals of all of them and links through each list that keep the other list where it is.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseHTML } from "linkedom";
import { createDesk, type Desk } from "../server/app.js";
import { makeArticle } from "../store/fixtures.js";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";

const HOST = { host: "127.0.0.1:8080" };
const ARTICLES = 34;

describe("entity page of a much-named entity", () => {
  let store: Store;
  let desk: Desk;
  const page = async (path: string) => {
    const res = await desk.app.request(path, { headers: HOST });
    assert.equal(res.status, 200, path);
    return parseHTML(await res.text()).document;
  };

  before(async () => {
    store = await openStore(":memory:");
    for (let i = 0; i < ARTICLES; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const body = `Officials in Seoul said North Korea tested a missile on day ${i + 1}. North Korea's envoy said nothing.`;
      await store.putArticle(
        makeArticle({
          id: `nk-${String(i).padStart(2, "0")}`,
          title: `Test number ${i + 1}`,
          body,
          outlet: "Harbor Ledger",
          published: `2031-05-${day}`,
          entities: [{ key: "state:KP", name: "North Korea", type: "STATE", forms: ["North Korea"] }],
          claims: [
            {
              type: "WEAPONS_TEST",
              subject: "North Korea",
              holder: "South Korea",
              stance: "ASSERT",
              actors: ["state:KP"],
              evidence: `North Korea tested a missile on day ${i + 1}`,
            },
          ],
        }),
      );
    }
    desk = createDesk({ store });
  });
  after(() => store.close());

  it("shows the totals and the first 30 articles, and links on to the rest", async () => {
    const doc = await page("/entities/state%3AKP");
    const counts = doc.querySelector(".counts")?.textContent ?? "";
    assert.match(counts, new RegExp(`${ARTICLES * 2}\\s*mentions`));
    assert.match(counts, new RegExp(`in\\s*${ARTICLES}\\s*articles`));
    assert.match(counts, new RegExp(`${ARTICLES}\\s*claims`));
    const articles = doc.querySelectorAll('section[aria-labelledby="arts"] li.item');
    assert.equal(articles.length, 30);
    const arts = doc.querySelector('section[aria-labelledby="arts"]')!;
    assert.match(arts.textContent ?? "", new RegExp(`1–30 of ${ARTICLES} articles`));
    const next = arts.querySelector('a[rel="next"]')?.getAttribute("href");
    assert.equal(next, "/entities/state%3AKP?articles=30");
    // All claims fit on one page of claims: no links there.
    assert.equal(doc.querySelectorAll('section[aria-labelledby="claims"] tr.item').length, ARTICLES);
    assert.equal(doc.querySelector('section[aria-labelledby="claims"] a[rel="next"]'), null);

    const second = await page(next!);
    const rest = second.querySelectorAll('section[aria-labelledby="arts"] li.item');
    assert.equal(rest.length, ARTICLES - 30);
    const secondArts = second.querySelector('section[aria-labelledby="arts"]')!;
    assert.match(secondArts.textContent ?? "", new RegExp(`31–${ARTICLES} of ${ARTICLES} articles`));
    assert.equal(secondArts.querySelector('a[rel="prev"]')?.getAttribute("href"), "/entities/state%3AKP");
    assert.equal(secondArts.querySelector('a[rel="next"]'), null);
    const titles = (d: Document) =>
      Array.from(d.querySelectorAll('section[aria-labelledby="arts"] li.item a')).map((a) => a.textContent);
    const seen = [...titles(await page("/entities/state%3AKP")), ...titles(second)];
    assert.equal(new Set(seen).size, ARTICLES, "the two pages hold every article once");
  });

  it("says so when a page is past the end", async () => {
    const doc = await page("/entities/state%3AKP?articles=500&claims=500");
    assert.match(doc.querySelector('section[aria-labelledby="arts"]')?.textContent ?? "", /No more articles/);
    assert.match(doc.querySelector('section[aria-labelledby="claims"]')?.textContent ?? "", /No more claims/);
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { findDates } from "./dates.js";

const resolve = (body: string, published: string | null = "2025-03-16") =>
  findDates(body, published).map((d) => ({ text: d.text, resolved: d.resolved, note: d.note }));

test("weekdays and months resolve to the past of the publication date, forward phrases ahead", () => {
  // 2025-03-16 is a Sunday.
  assert.equal(resolve("The launch took place on Friday.")[0]?.resolved, "2025-03-14");
  assert.equal(resolve("The ministry will respond next Tuesday.")[0]?.resolved, "2025-03-18");
  assert.equal(resolve("Shipments rose in December.")[0]?.resolved, "2024-12");
  assert.equal(resolve("The talks resume later this month.")[0]?.resolved, "2025-03");
  assert.equal(resolve("Officials said three days ago that the ship left.")[0]?.resolved, "2025-03-13");
});

test("a span counted from another event stays unresolved and says why", () => {
  for (const body of [
    "The drills come a week after Seoul said the shells were shipped.",
    "The test came two days before the summit opened.",
    "A month later the ship returned to port.",
  ]) {
    const [d] = resolve(body);
    assert.ok(d, body);
    assert.equal(d.resolved, null, body);
    assert.match(d.note ?? "", /another event/, body);
  }
});

test("without a publication date only dates with a year resolve", () => {
  const out = resolve("The panel's mandate ended on April 30, 2024, and the ship left on Friday.", null);
  assert.equal(out[0]?.resolved, "2024-04-30");
  assert.equal(out[1]?.resolved, null);
  assert.match(out[1]?.note ?? "", /no publication date/);
});

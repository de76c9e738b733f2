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

test("a year-only phrase resolves to the year, a month with 'last year' to that month of the year before", () => {
  // Published 2025-03-16.
  const out = resolve(
    "Exports fell last year. The plan for this year is ambitious. Japan joined the group 18 years ago. The summit in August last year set the goal.",
  );
  assert.deepEqual(
    out.map((d) => [d.text, d.resolved]),
    [
      ["last year", "2024"],
      ["this year", "2025"],
      ["18 years ago", "2007"],
      ["August last year", "2024-08"],
    ],
  );
});

test("a Juche-era year after a date is the date's year", () => {
  const out = resolve(
    "One day in April Juche 50 (1961), he visited the mill. He arrived on the night of February 15, Juche 63 (1974).",
  );
  assert.deepEqual(
    out.map((d) => [d.text, d.resolved]),
    [
      ["April Juche 50 (1961)", "1961-04"],
      ["February 15, Juche 63 (1974)", "1974-02-15"],
    ],
  );
  assert.equal(resolve("The law was adopted in May Juche 113.")[0]?.resolved, "2024-05");
});

test("words chrono takes for dates in narration are no dates; a vague span stays unresolved", () => {
  assert.deepEqual(
    resolve("He sat down with the workers at night and spoke of the sun in the year ahead."),
    [],
  );
  const [vague] = resolve("The bombers flew there a few days ago.");
  assert.equal(vague?.resolved, null);
  assert.match(vague?.note ?? "", /vague/);
  // Nor a name, nor a clock time alone; a dateline's date comes without the space before "(KCNA)".
  assert.deepEqual(resolve("Present there was Kim Jong Sun, department director. 1:03 P.M. EDT"), []);
  assert.deepEqual(
    resolve("Pyongyang, March 14 (KCNA) -- The plant opened.").map((d) => d.text),
    ["March 14"],
  );
  // How long is no date either.
  assert.deepEqual(resolve("He served as a senator for 34 years. It was the worst result in 60 years."), []);
});

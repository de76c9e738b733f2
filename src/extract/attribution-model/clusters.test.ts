import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  clusterOf,
  clusterValue,
  coarseCluster,
  fineCluster,
  middleCluster,
  packClusters,
  unpackClusters,
} from "./clusters.js";

describe("word-cluster table", () => {
  it("packs the three levels so that each reads back, and 0 stays 'unknown'", () => {
    const v = clusterValue(31, 255, 1023);
    assert.equal(coarseCluster(v), 32);
    assert.equal(middleCluster(v), 256);
    assert.equal(fineCluster(v), 1024);
    const z = clusterValue(0, 0, 0);
    assert.deepEqual([coarseCluster(z), middleCluster(z), fineCluster(z)], [1, 1, 1]);
  });

  it("survives packing and unpacking, and refuses a file that is not a table", () => {
    const t = unpackClusters(
      packClusters(
        new Map([
          ["warned", clusterValue(3, 40, 500)],
          ["missile", clusterValue(7, 90, 12)],
        ]),
      ),
    );
    assert.equal(t.keys.length, 2);
    assert.ok(t.keys[0]! < t.keys[1]!, "keys are sorted for binary search");
    assert.deepEqual([...t.vals].sort(), [clusterValue(3, 40, 500), clusterValue(7, 90, 12)].sort());
    assert.throws(
      () => unpackClusters(Buffer.from("WDSS1 not a cluster table")),
      /not a Watchdesk word-cluster/,
    );
  });

  it("puts words used alike together in the shipped table and knows no made-up word", () => {
    const fine = (w: string) => fineCluster(clusterOf(w));
    const middle = (w: string) => middleCluster(clusterOf(w));
    for (const w of ["said", "missile", "sanctions", "tuesday"]) assert.ok(fine(w) > 0, `${w} has a cluster`);
    assert.equal(middle("monday"), middle("tuesday"), "weekdays share a cluster");
    assert.notEqual(middle("missile"), middle("tuesday"));
    assert.equal(clusterOf("qzxv-not-a-word"), 0);
  });
});

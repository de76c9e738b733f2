import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alignBodyToRaw, spanToRaw } from "./offsets.js";

describe("alignBodyToRaw", () => {
  it("maps body spans back through collapsed whitespace, dropped lines and invisible characters", () => {
    const raw =
      "Harbor Ledger\n\nPhoto: file\n\nThe   port\u00A0authority said on Monday\nthat ferries\u200B resume.\n\n“We are ready,” the mayor said.\n";
    const body = "The port authority said on Monday that ferries resume.\n\n“We are ready,” the mayor said.";
    const map = alignBodyToRaw(raw, body);
    for (const word of ["authority", "ferries resume", "“We are ready,”", "mayor"]) {
      const s = body.indexOf(word);
      const span = spanToRaw(map, [s, s + word.length]);
      assert.ok(span, word);
      const rawText = raw.slice(span[0], span[1]).replace(/[\s\u200B]+/g, " ");
      assert.equal(rawText, word);
    }
  });

  it("aligns HTML word by word and leaves out text the raw document does not have", () => {
    const raw = "<p>The <b>minister</b> said the minister&#8217;s talks would go on.</p>";
    const body = "The minister said the minister’s talks would go on.";
    const map = alignBodyToRaw(raw, body);
    const s = body.indexOf("minister said");
    const span = spanToRaw(map, [s, s + "minister said".length]);
    assert.ok(span);
    assert.equal(raw.slice(span[0], span[1]), "minister</b> said");
    const amp = body.indexOf("’");
    assert.equal(spanToRaw(map, [amp, amp + 1]), null);
  });
});

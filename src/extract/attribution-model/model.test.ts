import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentEndScores, EndRanker, endInstance } from "./content-ends.js";
import { hasModel, packModel, tagAttributions, unpackModel } from "./index.js";
import { ChainModel } from "./perceptron.js";
import { paragraphsOf, tokenize } from "./tokens.js";

const slice = (text: string, spans: [number, number][]) =>
  spans.map(([s, e]) => text.slice(s, e)).join(" | ");

describe("attribution tokens", () => {
  it("splits words and single punctuation with offsets, and marks quoted tokens", () => {
    const text = "“We won’t sell,” said Ana.";
    const toks = tokenize(text);
    assert.deepEqual(
      toks.map((t) => t.text),
      ["“", "We", "won", "’", "t", "sell", ",", "”", "said", "Ana", "."],
    );
    for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
    const [p] = paragraphsOf(text);
    assert.ok(p);
    assert.deepEqual([...p.quoted], [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it("tags a possessive the same whatever text came before (wink's lexicon remembers 'Trump's.')", () => {
    paragraphsOf("The plan was a theme like Varga's. She lost by 13 points.");
    const [p] = paragraphsOf("Mina Varga's best ideas won.");
    assert.ok(p);
    const at = p.tokens.findIndex((t) => t.text === "Varga");
    assert.equal(p.lemma[at], "varga");
    assert.deepEqual(p.pos.slice(at + 1, at + 3), ["PART", "PART"]);
  });

  it("reads two apostrophes written together as a double quotation mark", () => {
    const text = "''It is over,'' he said, 'not yet' she thought.";
    const [p] = paragraphsOf(text);
    assert.ok(p);
    const inside = p.tokens.filter((_, i) => p.quoted[i]).map((t) => t.text);
    assert.deepEqual(inside, ["'", "'", "It", "is", "over", ",", "'", "'"]);
  });
});

describe("ChainModel", () => {
  it("learns a BIO pattern, respects transition constraints and survives save/load", () => {
    const m = new ChainModel(["O", "B-X", "I-X"], 8);
    // Feature 1 marks the start of an X run, 2 its continuation, 3 anything else.
    const seq = (pattern: number[]) => {
      const feats = Int32Array.from(pattern);
      const offs = Int32Array.from({ length: pattern.length + 1 }, (_, i) => i);
      const gold = Uint8Array.from(pattern.map((f) => (f === 1 ? 1 : f === 2 ? 2 : 0)));
      return { feats, offs, gold };
    };
    const data = [seq([3, 1, 2, 2, 3]), seq([1, 2, 3, 3]), seq([3, 3, 1, 3])];
    for (let e = 0; e < 10; e++) for (const s of data) m.update(s);
    m.average();
    const back = ChainModel.load(m.save());
    const test = seq([3, 1, 2, 3, 1]);
    assert.deepEqual([...back.decode(test)], [...(test.gold ?? [])]);
    // An I- label cannot open a run even when its emission says so.
    assert.notEqual(back.decode(seq([2, 3]))[0], 2);
  });
});

describe("ChainModel with BILOU labels", () => {
  it("never leaves a span open or continues one it did not start", () => {
    const labels = ["O", "B-X", "I-X", "L-X", "U-X"];
    const m = new ChainModel(labels, 6);
    // Emissions that favour B-X on every token: the decoder must still close what it opens.
    const n = 5;
    const E = new Float32Array(n * labels.length);
    for (let t = 0; t < n; t++) E[t * labels.length + 1] = 5;
    const out = [...m.viterbi(E, n)].map((y) => labels[y]);
    const last = out[n - 1] ?? "O";
    assert.ok(!last.startsWith("B-") && !last.startsWith("I-"), out.join(" "));
    for (let t = 0; t < n; t++) {
      const prev = t === 0 ? "O" : (out[t - 1] ?? "O");
      const open = prev.startsWith("B-") || prev.startsWith("I-");
      const cont = (out[t] ?? "O").startsWith("I-") || (out[t] ?? "O").startsWith("L-");
      assert.equal(open, cont, `token ${t}: ${out.join(" ")}`);
    }
  });
});

describe("attribution model file", () => {
  it("keeps the decoding settings through pack and unpack", () => {
    const cue = new ChainModel(["O", "B-CUE", "I-CUE"], 4);
    const arg = new ChainModel(["O", "B-S", "I-S", "B-C", "I-C"], 4);
    cue.bias.set([0, 8, 0]);
    const back = unpackModel(packModel({ cue, arg, doubt: 70 }));
    assert.equal(back.doubt, 70);
    assert.deepEqual([...back.cue.bias], [0, 8, 0]);
    assert.deepEqual(back.arg.labels, arg.labels);
    assert.equal(back.ends, undefined);
  });

  it("keeps the content-end ranker's weights", () => {
    const cue = new ChainModel(["O", "B-CUE", "I-CUE"], 4);
    const arg = new ChainModel(["O", "B-S", "I-S", "B-C", "I-C"], 4);
    const ends = new EndRanker();
    ends.W[5] = 1.5;
    ends.W[77] = -2;
    const back = unpackModel(packModel({ cue, arg, doubt: 0, ends }));
    assert.equal(back.ends?.W[5], 1.5);
    assert.equal(back.ends?.W[77], -2);
  });
});

describe("content end scores", () => {
  const labels = ["O", "B-S", "I-S", "B-C", "I-C"];
  it("give, for each place a content could end, the best score of a labelling that ends it there", () => {
    const m = new ChainModel(labels, 4);
    // Six tokens; token 0 is the cue (fixed O). Content is favoured on tokens 1-3, a little on 4, not on 5.
    const E = new Float32Array(6 * labels.length);
    const set = (t: number, y: number, v: number) => {
      E[t * labels.length + y] = v;
    };
    for (const t of [1, 2, 3]) set(t, 4, 3);
    set(1, 3, 3);
    set(4, 4, 1);
    set(4, 0, 2);
    set(5, 0, 2);
    const fixed = Int8Array.from([0, -1, -1, -1, -1, -1]);
    const best = [...m.viterbi(E, 6, fixed)];
    assert.deepEqual(best, [0, 3, 4, 4, 0, 0]);
    const scores = contentEndScores(m, E, 6, fixed);
    // Ending after token 3 is the best path itself; after token 4 costs 1 (I-C 1 instead of O 2).
    assert.equal(scores[4], m.lastScore);
    assert.equal(scores[5], m.lastScore - 1);
    // No content can end right after the cue token alone.
    assert.equal(scores[1], Number.NEGATIVE_INFINITY);
    const x = endInstance(1, 4, 0, 1, 0, 6, fixed, scores);
    assert.deepEqual(x.ends, [2, 3, 4, 5, 6]);
    assert.equal(x.loss[x.ends.indexOf(4)], 0);
    assert.ok(x.loss.every((l) => l >= 0));
  });
});

describe("tagAttributions (shipped model)", { skip: !hasModel() }, () => {
  it("leaves where a statement came out ('carried by state news agency KCNA') out of its content", () => {
    const text =
      '"We have never exported weapons to anyone and will never do so," Kim Yo Jong, the sister of the leader, said in a statement carried by state news agency KCNA.';
    const found = tagAttributions(text).map((a) => a.content.map(([s, e]) => text.slice(s, e)));
    assert.ok(found.length > 0);
    for (const c of found) assert.ok(!c.some((x) => x.includes("carried")), JSON.stringify(found));
    assert.ok(found.some((c) => c[0]?.startsWith('"We have never')));
  });

  it("gives a quotation to the cue of its own sentence, and the cue before it the clause before its comma", () => {
    const text =
      'The missile flew about 1,100 km before falling into the sea outside Japan\'s exclusive economic zone, Defence Minister Gen Nakatani told reporters. "We have lodged a strong protest through diplomatic channels in Beijing," he said.';
    const found = tagAttributions(text).map((a) => ({
      cue: slice(text, a.cue),
      content: slice(text, a.content),
    }));
    const told = found.find((a) => a.cue === "told");
    const said = found.find((a) => a.cue === "said");
    assert.ok(told && said, JSON.stringify(found));
    assert.equal(
      told.content,
      "The missile flew about 1,100 km before falling into the sea outside Japan's exclusive economic zone",
    );
    assert.match(said.content, /^"We have lodged/);
  });

  it("resumes a quotation interrupted by its cue at the mark that reopens it", () => {
    const cases: [string, string][] = [
      [
        "''It's nonsense,'' Mr. Varga said on NBC's ''Meet the Press.'' ''She lies about everything, and everybody knows that.''",
        "''She lies about everything, and everybody knows that.''",
      ],
      [
        "''Oslo doesn't get along with Riga,'' Mr. Varga said. '' ''Riga can't stand our mayor and it's causing us difficulty.''",
        "''Riga can't stand our mayor and it's causing us difficulty.''",
      ],
      [
        '"Let\'s go back six months and look at the polls," Ms. Olsen said on "New Day." "No money in the campaign, no volunteers, no organization."',
        '"No money in the campaign, no volunteers, no organization."',
      ],
    ];
    for (const [text, resumed] of cases) {
      const contents = tagAttributions(text).map((a) => a.content.map(([s, e]) => text.slice(s, e)));
      assert.ok(
        contents.some((c) => c.length === 2 && c[1] === resumed),
        `${text}\n${JSON.stringify(contents)}`,
      );
    }
  });

  it("finds source, cue and content of reported and quoted speech", () => {
    const text =
      "The harbor authority said on Monday that the ferry line would reopen next week.\n\n" +
      "“We are not selling the port,” said Mara Olsen, the mayor.";
    const found = tagAttributions(text).map((a) => ({
      source: slice(text, a.source),
      cue: slice(text, a.cue),
      content: slice(text, a.content),
    }));
    assert.ok(
      found.some(
        (a) =>
          a.source === "The harbor authority" &&
          a.cue === "said" &&
          /ferry line would reopen/.test(a.content),
      ),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((a) => a.source.startsWith("Mara Olsen") && a.content.startsWith("“We are not selling")),
      JSON.stringify(found),
    );
  });

  const found = (text: string) =>
    tagAttributions(text).map((a) => ({
      source: slice(text, a.source),
      cue: slice(text, a.cue),
      content: slice(text, a.content),
    }));

  it("gives a trailing reporting clause the sentence before its comma as content", () => {
    const text =
      "Tirelessly attending meetings and spreading his message to farm groups, said Ola Brenn, director of the Polling Institute at the University of Narvik.";
    const a = found(text).find((x) => x.cue === "said");
    assert.ok(a, JSON.stringify(found(text)));
    assert.equal(a.source, "Ola Brenn, director of the Polling Institute at the University of Narvik");
    assert.equal(a.content, "Tirelessly attending meetings and spreading his message to farm groups");
  });

  it("reads a verbless 'Also, …' fragment before a reporting clause as continuing the sentence before", () => {
    const first =
      "The defence chief of Valdoria, Arto Mensk inspected three shipyards in the north to prepare for the coming naval drills of its neighbours.";
    const text = `${first} Also, the plan of selling frigates abroad, Valdoria's Trade Ministry said on Tuesday.`;
    const a = found(text).find((x) => x.cue === "said");
    assert.ok(a, JSON.stringify(found(text)));
    assert.equal(a.source, "Valdoria's Trade Ministry");
    assert.ok(a.content.startsWith(first), a.content);
    assert.ok(a.content.endsWith("Also, the plan of selling frigates abroad"), a.content);
    // With a verb of its own the sentence says something new: the ministry said that alone.
    const own =
      "Valdoria's navy held drills near the strait on Sunday. Also, the army fired two missiles into the sea, the ministry said.";
    const b = found(own).find((x) => x.cue === "said");
    assert.ok(b, JSON.stringify(found(own)));
    assert.equal(b.content, "Also, the army fired two missiles into the sea");
  });

  it("does not take a verb of going with someone for a speech cue", () => {
    const text =
      "Mensk met the visiting envoy on Friday. He also accompanied Lund to a naval fair in the capital.";
    assert.deepEqual(
      found(text).filter((a) => /accompanied/.test(a.cue)),
      [],
    );
    const told =
      "Mensk met the visiting envoy on Friday. He also told Lund that a naval fair in the capital would open soon.";
    assert.ok(
      found(told).some((a) => a.cue.endsWith("told") && a.source === "He"),
      JSON.stringify(found(told)),
    );
  });

  it("gives a cue closing its paragraph with a colon the quotation block of the next paragraphs", () => {
    const block1 = "“The ferry line will reopen next week. We have the money for it.";
    const block2 = "“The strike is over, and the crews are back at the docks.”";
    const text = `The harbor chief, Mara Olsen, told reporters on Monday:\n\n${block1}\n\n${block2}\n\nThe port closed in May.`;
    const a = found(text).find((x) => x.cue.includes("told"));
    assert.ok(a, JSON.stringify(found(text)));
    assert.equal(a.content, `${block1}\n\n${block2}`);
    // A quotation with its own reporting clause is that clause's, not the colon's.
    const own = "The harbor chief spoke on Monday:\n\n“We will reopen,” said Anton Lund, her deputy.";
    const b = found(own).find((x) => x.content.startsWith("“We will reopen"));
    assert.ok(b, JSON.stringify(found(own)));
    assert.equal(b.cue, "said");
  });

  it("never gives a token to both the source and the content of an attribution", () => {
    const texts = [
      "“The ferry will run again,” said Mara Olsen, the mayor of the port town. “We found the money.”",
      "The strike, which began in May, will end soon, Anton Lund, the head of the dockers' union at the harbor of Narvik, told reporters on Monday after the talks.",
      "Ola Brenn, whose ministry has long denied the sale, said the frigates would never leave Valdoria's shipyards, according to state media.",
    ];
    for (const text of texts)
      for (const a of tagAttributions(text)) {
        const overlap = a.content.some(([s, e]) => a.source.some(([x, y]) => s < y && x < e));
        assert.ok(!overlap, `${text}: ${JSON.stringify(a)}`);
      }
  });

  it("rejects a file that is not a model, and says when a model is of a newer format", () => {
    assert.throws(() => unpackModel(Buffer.from("nope")), /not a Watchdesk attribution model/);
    assert.throws(
      () => unpackModel(Buffer.from("WDAM9xxxxxxxxxxxxxxxxxxxxxxxx")),
      /WDAM9 is newer than this build/,
    );
  });
});

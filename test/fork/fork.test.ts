import {describe, expect, it} from "vitest";
import {scriptJSON, scriptText} from "../../src/fork/embed.js";
import {assemble, extractForkData, packCode, unpackCode} from "../../src/fork/assemble.js";
import {validateForkData, type ForkData} from "../../src/fork/fork-data.js";
import {applyChanges, decodeShare, describeChanges, encodeShare} from "../../src/fork/share.js";
import {pendingChanges} from "../../src/fork/trust-panel.js";
import type {Block} from "../../src/engine/chapter-file.js";

const hostile = 'x = "</script><script>alert(1)</script><!-- ]]> \u2028\u2029 </SCRIPT > <\\/script>"';

const data: ForkData = {
  version: 1,
  chapters: [{slug: "line", blocks: [{kind: "prose", source: "# Line </style> <!--"}, {kind: "cell", source: hostile, options: ["folded"]}]}],
  inputs: {line: {w: 2.5}},
  id: "abc",
  lineage: [{from: "http://localhost/", at: "2026-11-26T00:00:00.000Z"}]
};

describe("embedding", () => {
  it("scriptJSON has no characters that could end or escape a script, and parses back exactly", () => {
    const text = scriptJSON(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(data);
  });

  it("packed code is a third of its size or less, and unpacks to the same text", async () => {
    const js = Array.from({length: 2000}, (_, i) => `const v${i} = ${i} * Math.PI; // "é" </script>`).join("\n");
    const packed = await packCode(js);
    expect(packed).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(packed.length).toBeLessThan(js.length / 3);
    expect(await unpackCode(packed)).toBe(js);
  });

  it("scriptText neutralises closing tags and comment openers in code", () => {
    const js = 'const a = "</script>", b = "<!--";';
    const safe = scriptText(js);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    expect(new Function(`${safe}; return [a, b];`)()).toEqual(["</script>", "<!--"]);
  });

  it("a standalone page round-trips its lesson byte for byte, and no hostile text becomes markup", async () => {
    const code = await packCode("window.started = true;");
    const html = assemble({code, css: "body { color: red } /* </style> */", data, title: "A <title> & more"});
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelectorAll("script")).toHaveLength(3);
    expect(await unpackCode(doc.querySelector("script#app-code")!.textContent!)).toBe("window.started = true;");
    expect(doc.querySelectorAll("style")).toHaveLength(1);
    expect(doc.title).toBe("A <title> & more");
    expect(validateForkData(extractForkData(html))).toEqual(data);
  });

  it("import refuses a file that is not a playground page, saying why", () => {
    expect(() => extractForkData("<html><body>hello</body></html>")).toThrow(/not a playground page/);
    expect(() => validateForkData({version: 1, chapters: [], inputs: {}, id: "x", lineage: []})).toThrow(/no chapters/);
    expect(() => validateForkData({...data, chapters: [{slug: "../x", blocks: []}]})).toThrow(/bad chapter slug/);
  });
});

describe("share links", () => {
  const shipped: Record<string, Block[]> = {
    line: [
      {kind: "prose", source: "# Line", origin: 0},
      {kind: "cell", source: "viewof w = Inputs.range([-10, 10], {value: 1})", options: [], origin: 1},
      {kind: "cell", source: "y = (x) => w * x + b", options: [], origin: 2}
    ]
  };

  it("describe only what changed and apply back to the same blocks", () => {
    const now: Record<string, Block[]> = {
      line: [shipped.line[0], {...shipped.line[2], source: "y = (x) => 2 * w * x"} as Block, shipped.line[1], {kind: "cell", source: hostile, options: []}]
    };
    const changes = describeChanges(now, shipped);
    expect(changes.line[0]).toBe(0);
    expect(changes.line[2]).toBe(1);
    expect(applyChanges(changes, shipped)).toEqual(now);
  });

  it("encode to a short URL-safe text and decode exactly", () => {
    const changes = {chapters: describeChanges({line: [shipped.line[0], {...shipped.line[2], source: "y = (x) => 2 * w * x + b"} as Block, shipped.line[1]]}, shipped), inputs: {line: {w: 3.25, b: -1}, fitting: {w: 0.6}}};
    const text = encodeShare(changes);
    expect(text).toMatch(/^[\w-]+$/);
    expect(text.length).toBeLessThan(300);
    expect(decodeShare(text)).toEqual(changes);
  });

  it("say plainly when a link is damaged or refers to blocks that do not exist", () => {
    expect(() => decodeShare("not-a-link")).toThrow(/damaged/);
    expect(() => applyChanges({line: [7]}, shipped)).toThrow(/block 7 of "line"/);
    expect(() => applyChanges({nowhere: [0]}, shipped)).toThrow(/does not have/);
  });

  it("take chapter names that are Object.prototype's own as plain names, and refuse them", () => {
    for (const slug of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const chapters = JSON.parse(`{"${slug}": [0], "line": [0]}`);
      expect(() => applyChanges(chapters, shipped)).toThrow(/does not have/);
      expect(pendingChanges(JSON.parse(`{"${slug}": []}`), shipped, () => "")).toEqual([]);
    }
  });

  it("refuse malformed blocks and origins in the reader's terms, before anything is saved", () => {
    expect(() => applyChanges({line: "x"} as never, shipped)).toThrow(/not a list of blocks/);
    expect(() => applyChanges({line: [[0.5, "cell", "y = 1", []]]}, shipped)).toThrow(/block 0.5 of "line"/);
    expect(() => applyChanges({line: [[-1, "cell", "y = 1", []]]}, shipped)).toThrow(/block -1 of "line"/);
    expect(() => applyChanges({line: [1.5]}, shipped)).toThrow(/block 1.5 of "line"/);
    expect(() => applyChanges({line: [[null, "cell", "y = 1", "folded"]]} as never, shipped)).toThrow(/malformed options/);
    expect(() => applyChanges({line: [{}]} as never, shipped)).toThrow(/malformed block/);
  });

  it("stop inflating a link past its cap and say why, without building the whole of it", () => {
    const bomb = encodeShare({chapters: {}, inputs: {line: {w: " ".repeat(6_000_000)}}});
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => decodeShare(bomb)).toThrow(/more than 4 MB/);
    expect(() => decodeShare("A".repeat(2_000_001))).toThrow(/more than 4 MB/);
  });

  it("call a link cut short damaged, with one question mark", () => {
    const text = encodeShare({chapters: {}, inputs: {line: {w: 2}}});
    expect(() => decodeShare(text.slice(0, text.length - 6))).toThrow(/cut short when copied\?$/);
  });

  it("list the changes that wait for trust, including deletions", () => {
    const proposed = {line: [shipped.line[0], {...shipped.line[2], source: "y = 1"} as Block, {kind: "cell", source: "z = 2", options: []} as Block]};
    const changes = pendingChanges(proposed, shipped, (b) => b.source.split(" ")[0]);
    expect(changes.map((c) => [c.label, c.before === null, c.after === null])).toEqual([
      ["y", false, false],
      ["z", true, false],
      ["viewof", false, true]
    ]);
  });
});

// @vitest-environment jsdom
// Golden snapshots: each case in cases.ts against test/output/NAME.svg (or .html). A missing
// file is written, so a new case records itself; a mismatch writes NAME.actual.* beside it.
import {existsSync} from "node:fs";
import {readFile, unlink, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {beforeAll, describe, expect, it} from "vitest";
import {installCanvas} from "./canvas.js";
import {cases} from "./cases.js";
import {serialize} from "./serialize.js";

// A string path, not new URL(…): under jsdom, URL is jsdom's and node:url rejects it.
const output = join(dirname(fileURLToPath(import.meta.url)), "../output/");

beforeAll(() => installCanvas(window));

describe("draw snapshots", () => {
  for (const [name, draw] of Object.entries(cases)) {
    it(name, async () => {
      const element = await draw();
      const ext = element.localName === "svg" ? "svg" : "html";
      const actual = serialize(element);
      const expected = `${output}${name}.${ext}`;
      const mismatch = `${output}${name}.actual.${ext}`;
      if (!existsSync(expected)) {
        await writeFile(expected, actual);
        return;
      }
      if ((await readFile(expected, "utf8")) === actual) {
        if (existsSync(mismatch)) await unlink(mismatch);
        return;
      }
      await writeFile(mismatch, actual);
      expect.fail(`${name}.${ext} differs from its snapshot; see ${name}.actual.${ext}`);
    });
  }
});

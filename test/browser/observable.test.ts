import {afterAll, beforeAll, describe, expect, it, inject} from "vitest";
import type {Browser, Page} from "playwright-core";
import {mkdtempSync, mkdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {execFileSync} from "node:child_process";
import {idle, launch} from "./browser.js";
import {iceCreamCsv, iceCreamQmd} from "../engine/quarto-fixture.js";

// A Quarto document with OJS cells and a data file, as a teacher brings one: made into a
// standalone page by `npm run fork`, and opened in the site through "Open file…", where the
// reader drops their own data on a chapter and takes it back.

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "playground-quarto-"));
const cells = join(dir, "cells");
const qmd = join(dir, "ice-cream.qmd");
const csv = join(dir, "ice-cream.csv");

beforeAll(async () => {
  browser = await launch();
  mkdirSync(join(cells, "data"), {recursive: true});
  writeFileSync(join(cells, "01-ice-cream.qmd"), iceCreamQmd);
  writeFileSync(join(cells, "data", "ice-cream.csv"), iceCreamCsv);
  writeFileSync(qmd, iceCreamQmd);
  writeFileSync(csv, "temperature,sales\n10,100\n20,300\n");
});

afterAll(async () => {
  await browser?.close();
});

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
}

const cell = (page: Page, chapter: string, name: string) => page.locator(`[data-chapter="${chapter}"] [data-cell="${name}"]`);

describe("Observable and Quarto notebooks", () => {
  it("a Quarto document and its data become a standalone page that runs offline and carries the data on", async () => {
    const out = join(dir, "ice-cream.html");
    const log = execFileSync("npx", ["tsx", "scripts/fork.ts", "--cells", cells, "--out", out, "--title", "Ice cream"], {encoding: "utf8", stdio: "pipe"});
    expect(log).toContain("1 chapters, 1 data files");
    const context = await browser.newContext();
    const refused: string[] = [];
    await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (refused.push(route.request().url()), route.abort())));
    const page = await context.newPage();
    await page.goto(`file://${out}`);
    await ready(page);
    expect(await page.evaluate(() => window.playground.chapters())).toEqual(["ice-cream"]);
    expect(await page.evaluate(() => window.playground.value("ice-cream", "hottest"))).toBe(18.1);
    expect(await page.evaluate(() => window.playground.value("ice-cream", "slope"))).toBeCloseTo((410 - 215) / (18.1 - 14.2));
    await expect(page.locator('[data-chapter="ice-cream"] .inline').first().textContent()).resolves.toBe("4");
    await expect(cell(page, "ice-cream", "slope").getAttribute("data-state")).resolves.toBe("fulfilled");
    // A fork of the fork carries the file too.
    const again = await page.evaluate(() => window.playground.exportHTML());
    const data = JSON.parse(/<script type="application\/json" id="lesson-data">(.*?)<\/script>/s.exec(again)![1]);
    expect(data.files).toEqual([{name: "ice-cream.csv", type: "text/csv", text: iceCreamCsv}]);
    expect(refused).toEqual([]);
    await context.close();
  }, 120_000);

  it("Open file… takes a Quarto document as a chapter, says what it cannot honour, and a dropped file stands in for its data", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(inject("baseURL"));
    await ready(page);
    const chapters = await page.evaluate(() => window.playground.chapters());
    const chooser = page.waitForEvent("filechooser");
    await page.locator('[data-action="import"]').click();
    await (await chooser).setFiles(qmd);
    await expect(page.getByText("Not honoured here:").textContent()).resolves.toContain("fig-cap: Sales by temperature");
    await page.locator('[data-action="trust"]').click();
    await ready(page);
    expect(await page.evaluate(() => window.playground.chapters())).toEqual([...chapters, "ice-cream"]);
    // The site has no ice-cream.csv: the cell says so, and so do the cells that read it.
    await expect(cell(page, "ice-cream", "sales").getAttribute("data-state")).resolves.toBe("rejected");
    await expect(cell(page, "ice-cream", "hottest").textContent()).resolves.toContain("File not found: ice-cream.csv");

    // The reader drops their own on the chapter.
    await page.evaluate(async (text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "ice-cream.csv", {type: "text/csv"}));
      document.querySelector('[data-chapter="ice-cream"]')!.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }, "temperature,sales\n10,100\n20,300\n");
    await page.waitForFunction(() => document.querySelector('[data-chapter="ice-cream"] [data-cell="slope"]')?.getAttribute("data-state") === "fulfilled");
    await ready(page);
    expect(await page.evaluate(() => window.playground.value("ice-cream", "slope"))).toBe(20);
    await page.locator('[data-action="take-back"]').click();
    await ready(page);
    await expect(cell(page, "ice-cream", "slope").getAttribute("data-state")).resolves.toBe("rejected");
    await page.context().close();
  }, 120_000);
});

// The reader's own data, pasted into fitting's table: every later chapter trains on them with
// axes fitted to them, bad rows change nothing, and the data travel in an export and a link.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {idle, inView, launch, open} from "./browser.js";

type Pair = [number, number];
const OURS: Pair[] = [[6, 1.5], [8, 2.25], [10, 3.1], [12, 3.4], [14, 4.4]];
const TABLE = "hours\tkWh\n" + OURS.map((p) => p.join("\t")).join("\n") + "\n";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  ({page} = await open(browser));
});
afterAll(async () => {
  await browser?.close();
});

const table = (page: Page) => page.locator('[data-chapter="fitting"] [data-cell="data_table"]');
async function paste(page: Page, text: string) {
  await inView(table(page));
  await table(page).locator('input[aria-label="row 1, x"]').evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
  }, text);
  await page.waitForFunction(() => !document.querySelector('[data-chapter="fitting"] [data-cell="data"][data-state="pending"]'));
  await idle(page);
}

/** The x and y domains a chart cell's first Plot chart was drawn with (inside `inside`, if given). */
async function domains(page: Page, chapter: string, cell: string, inside = "svg") {
  const svg = page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"] ${inside}`).first();
  await inView(svg);
  return svg.evaluate((el) => {
    const chart = el as SVGSVGElement & {scale(n: string): {domain: number[]}};
    return {x: chart.scale("x").domain, y: chart.scale("y").domain};
  });
}

describe("the reader's own data", () => {
  it("a pasted table reaches every later chapter, whose axes and map fit it", async () => {
    await paste(page, TABLE);
    await expect(table(page).locator(".data-table-status").textContent()).resolves.toBe("Read 5 points (columns “hours” and “kWh”).");
    for (const chapter of ["fitting", "loss", "landscape", "gradient", "step", "descent"]) {
      expect(await page.evaluate((c) => window.playground.value(c, "data"), chapter)).toEqual(OURS);
    }
    // x from 6 to 14 and y from 1.5 to 4.4 (with 0), padded and rounded out: the lesson's [0, 9] is gone.
    const fitted = {x: [5, 15], y: [-0.5, 5]};
    expect(await domains(page, "fitting", "fit_chart")).toEqual(fitted);
    expect(await domains(page, "loss", "residual_chart")).toEqual(fitted);
    expect(await domains(page, "landscape", "landscape_views", ".draw-layered svg")).toEqual(fitted);
    expect(await domains(page, "step", "step_views")).toEqual(fitted);
    expect(await domains(page, "descent", "descent_views")).toEqual(fitted);
    // The close-up of the landscape moves to where these data's valley is, and still shows the start.
    const map = await domains(page, "descent", "descent_views", ".draw-top-view svg");
    expect(map).not.toEqual({x: [0.2, 1.2], y: [-0.5, 0.7]});
    const best = leastSquares(OURS);
    for (const [[lo, hi], v] of [[map.x, best.w], [map.y, best.b], [map.x, 1], [map.y, 0]] as const) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
  });

  it("bad rows are named by number and nothing changes", async () => {
    await paste(page, "x,y\n1,2\n3,abc\n4\n");
    await expect(table(page).locator(".data-table-status").textContent()).resolves.toMatch(/^Nothing changed: row 3: "abc" is not a number; row 4: .*\.$/);
    expect(await page.evaluate(() => window.playground.value("descent", "data"))).toEqual(OURS);
  });

  it("the data travel in an export and a share link", async () => {
    const html = await page.evaluate(() => window.playground.exportHTML());
    const file = join(mkdtempSync(join(tmpdir(), "own-data-")), "fork.html");
    writeFileSync(file, html);
    const fork = await browser.newPage();
    await fork.goto(`file://${file}`);
    await fork.waitForFunction(() => "playground" in window);
    await idle(fork);
    expect(await fork.evaluate(() => window.playground.value("descent", "data"))).toEqual(OURS);
    expect(await domains(fork, "descent", "descent_views")).toEqual({x: [5, 15], y: [-0.5, 5]});
    await fork.close();

    const url = await page.evaluate(() => window.playground.shareURL());
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(url);
    await reader.waitForFunction(() => "playground" in window);
    await reader.locator('[data-action="trust"]').click();
    await idle(reader);
    expect(await reader.evaluate(() => window.playground.value("descent", "data"))).toEqual(OURS);
    // And back to the lesson's data, in one press.
    await inView(table(reader));
    await table(reader).locator('[data-action="restore-data"]').click();
    await reader.waitForFunction(() => (window.playground.source("fitting", "data") as string).includes("[1, 0.85]"));
    await idle(reader);
    expect((await reader.evaluate(() => window.playground.value("descent", "data"))) as Pair[]).toHaveLength(8);
    await reader.context().close();
  });
});

function leastSquares(data: Pair[]): {w: number; b: number} {
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [x, y] of data) (sx += x), (sy += y), (sxx += x * x), (sxy += x * y);
  const n = data.length;
  const det = sxx * n - sx * sx;
  return {w: (sxy * n - sx * sy) / det, b: (sxx * sy - sx * sxy) / det};
}

import {describe, expect, it} from "vitest";
import {readFileSync, writeFileSync, mkdirSync, existsSync} from "node:fs";
import {join} from "node:path";
import {idle, open, openForFile} from "./browser.js";

// Every chapter of the lesson, checked the same way: it loads, every slider changes what the
// reader sees, and every chart at the defaults matches its golden snapshot.
const outline = join(process.cwd(), "../shared/LESSON.md");
const lesson = existsSync(outline) ? readFileSync(outline, "utf8") : null;
const slugs = ["line", "plane", "sigmoid", "sigmoid-2d", "neuron", "network-1", "network-2", "network-4", "network-n", "model-code", "fitting", "loss", "landscape", "derivative", "gradient", "step", "descent", "next"];
const output = join(process.cwd(), "test/output/charts");

const opened = openForFile();

describe("the lesson", () => {
  it("has every chapter of LESSON.md, in order", async () => {
    if (lesson) for (const slug of slugs) expect(lesson).toContain(`\`${slug}\``);
    expect(await opened.page.evaluate(() => window.playground.chapters())).toEqual(slugs);
  });

  it("loads with every cell fulfilled and nothing in the console", async () => {
    const {page, errors} = opened;
    const bad = await page.$$eval("[data-cell]", (cells) =>
      cells.filter((c) => c.getAttribute("data-state") !== "fulfilled").map((c) => `${c.closest("[data-chapter]")!.getAttribute("data-chapter")}/${c.getAttribute("data-cell")}: ${c.textContent}`)
    );
    expect(bad).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const slug of slugs) {
    it(`${slug}: every slider changes what the reader sees`, async () => {
      const {page} = opened;
      const chapter = page.locator(`[data-chapter="${slug}"]`);
      const sliders = chapter.locator('[data-cell^="viewof "] input[type=range]');
      const count = await sliders.count();
      const seen = () => chapter.evaluate((el) => [...el.querySelectorAll("[data-cell], .inline")].map((c) => (c.matches("[data-cell]") && c.querySelector("form input[type=range]") ? "" : c.innerHTML)).join("\n"));
      for (let i = 0; i < count; ++i) {
        const slider = sliders.nth(i);
        const name = await slider.evaluate((el) => el.closest("[data-cell]")!.getAttribute("data-cell"));
        const before = await seen();
        await slider.scrollIntoViewIfNeeded();
        await slider.focus();
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("ArrowRight");
        await idle(page);
        expect(await seen(), `${slug}: moving ${name} changed nothing`).not.toBe(before);
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowLeft");
        await idle(page);
      }
    });
  }
});

describe("the landscape's shortcut", () => {
  it("quick_loss, from six sums, is the loss summed point by point", async () => {
    const {page} = opened;
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    const direct = (w: number, b: number) => data.reduce((s, [x, y]) => s + (w * x + b - y) ** 2, 0) / 2;
    for (const [w, b] of [[1, 0], [0.594, 0.222], [-10, -15], [10, 15], [2.5, -3]]) {
      const quick = (await page.evaluate(async ([w, b]) => ((await window.playground.value("landscape", "quick_loss")) as (w: number, b: number) => number)(w, b), [w, b])) as number;
      expect(quick).toBeCloseTo(direct(w, b), 8);
    }
  });
});

describe("chart snapshots at the defaults", () => {
  it("match test/output/charts/*.svg", async () => {
    const fresh = await open(opened.browser);
    const charts = await fresh.page.$$eval("[data-cell]", (cells) =>
      cells
        // Charts only: not inputs, and not the inspector's little expand arrows.
        .filter((c) => c.querySelector("svg:not(.observablehq--caret)") && !c.querySelector("form"))
        .map((c) => ({name: `${c.closest("[data-chapter]")!.getAttribute("data-chapter")}-${c.getAttribute("data-cell")!.replace(/[^\w-]/g, "_")}`, svg: [...c.querySelectorAll("svg")].map((s) => s.outerHTML).join("\n")}))
    );
    expect(charts.length).toBeGreaterThan(20);
    // Plot's own style rules live once in the head, not in every chart, and still apply.
    const styles = await fresh.page.evaluate(() => ({
      inCharts: document.querySelectorAll("[data-cell] svg style").length,
      whiteSpace: getComputedStyle(document.querySelector("[data-cell] svg[class^=plot-] text")!).whiteSpace
    }));
    expect(styles).toEqual({inCharts: 0, whiteSpace: "pre"});
    mkdirSync(output, {recursive: true});
    const mismatches: string[] = [];
    for (const {name, svg} of charts) {
      const file = join(output, `${name}.svg`);
      const text = normalize(svg);
      if (!existsSync(file)) writeFileSync(file, text);
      else if (readFileSync(file, "utf8") !== text) {
        writeFileSync(join(output, `${name}.actual.svg`), text);
        mismatches.push(name);
      }
    }
    expect(mismatches, "charts differ from their snapshots (see test/output/charts/*.actual.svg)").toEqual([]);
    await fresh.page.close();
  });
});

/** Snapshots compare shapes, not noise: ids renumbered, numbers rounded, raster data elided. */
function normalize(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/\b(plot-[\w-]+?)-\d+\b/g, "$1")
    .replace(/(id="|url\(#|href="#)([^")]+)/g, (_, p: string, id: string) => {
      if (!ids.has(id)) ids.set(id, `id${ids.size}`);
      return p + ids.get(id);
    })
    .replace(/href="data:[^"]*"/g, 'href="data:…"')
    .replace(/-?\d+\.\d+/g, (n) => String(Math.round(+n * 10) / 10))
    .replace(/></g, ">\n<");
}

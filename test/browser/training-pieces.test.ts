// The pieces chapters use to rewind, compare and feed training, put into a page's cells the way
// a chapter would, and driven as a reader does: keys on the timeline, a table pasted into the
// data, the backprop panel's numbers against finite differences.
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {idle, openForFile, value} from "./browser.js";

const opened = openForFile();

async function edit(page: Page, name: string, source: string) {
  await page.evaluate(([n, s]) => window.playground.edit("line", n, s), [name, source] as const);
  await idle(page);
}

describe("training pieces in a page", () => {
  it("the timeline is a viewof input the keyboard moves", async () => {
    const {page} = opened;
    await edit(page, "viewof w", "viewof w = widgets.timeline({length: 101, value: 5})");
    expect(await value(page, "line", "w")).toBe(5);
    const range = page.locator('[data-chapter="line"] [data-cell="viewof w"] input[type=range]');
    await range.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("PageUp");
    await idle(page);
    expect(await value(page, "line", "w")).toBe(16);
    expect(await range.getAttribute("aria-valuetext")).toBe("iteration 16 of 100");
    await page.keyboard.press("End");
    await idle(page);
    expect(await value(page, "line", "w")).toBe(100);
  });

  it("a table pasted into the data table reaches the cells that read it; bad rows change nothing", async () => {
    const {page} = opened;
    await edit(page, "viewof b", "viewof b = widgets.dataTable({value: [[1, 0.85], [2, 1.43]]})");
    await edit(page, "y", "y = b.map(([x, t]) => x + t)");
    const cell = page.locator('[data-chapter="line"] [data-cell="viewof b"]');
    const paste = (text: string) =>
      cell.locator('input[aria-label="row 1, x"]').evaluate((input, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
      }, text);
    await paste("hours\tkWh\n6\t1.5\n8\t2.25\n");
    await idle(page);
    expect(await value(page, "line", "y")).toEqual([7.5, 10.25]);
    await paste("x,y\n1,2\n3,abc\n");
    await idle(page);
    expect(await cell.locator(".data-table-status").textContent()).toBe('Nothing changed: row 3: "abc" is not a number.');
    expect(await value(page, "line", "y")).toEqual([7.5, 10.25]);
    // Typing a number and pressing Enter, as a reader does.
    await cell.locator('input[aria-label="row 2, y"]').fill("3");
    await cell.locator('input[aria-label="row 2, y"]').press("Enter");
    await idle(page);
    expect(await value(page, "line", "y")).toEqual([7.5, 11]);
  });

  it("the backprop panel's sum is the slope finite differences give", async () => {
    const {page} = opened;
    const network = {wi: [0.8, -1.3], b: [0.5, -1.7], wo: [1.2, -0.6], bo: 0.1};
    const points: [number, number][] = [[-2, -0.97], [-1, -0.78], [0, 0], [1, 0.78], [2, 0.97]];
    await edit(page, "chart", `chart = draw.backpropPanel({network: ${JSON.stringify(network)}, points: ${JSON.stringify(points)}, parameter: "wi2", learningRate: 0.03})`);
    const sum = await page.locator('[data-chapter="line"] [data-cell="chart"] tfoot td').textContent();
    const loss = (wi2: number) => {
      const sig = (z: number) => 1 / (1 + Math.exp(-z));
      return points.reduce((s, [x, t]) => s + (network.wo[0] * sig(network.wi[0] * x + network.b[0]) + network.wo[1] * sig(wi2 * x + network.b[1]) + network.bo - t) ** 2, 0) / 2;
    };
    const slope = (loss(-1.3 + 1e-5) - loss(-1.3 - 1e-5)) / 2e-5;
    expect(Number(sum!.replace("−", "-"))).toBeCloseTo(+slope.toPrecision(4), 10);
    expect(opened.errors).toEqual([]);
  });
});

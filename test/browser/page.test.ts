import {describe, expect, it} from "vitest";
import {drawn, idle, openForFile} from "./browser.js";

const opened = openForFile();

describe("the page", () => {
  it("loads with no console errors and every cell fulfilled", async () => {
    const {page, errors} = opened;
    const chapters = await page.evaluate(() => window.playground.chapters());
    expect(chapters.slice(0, 1)).toEqual(["line"]);
    const states = await page.$$eval("[data-cell]", (cells) =>
      cells.map((c) => `${c.closest("[data-chapter]")!.getAttribute("data-chapter")}/${c.getAttribute("data-cell")}: ${c.getAttribute("data-state")}`)
    );
    expect(states.length).toBeGreaterThan(4);
    expect(states.filter((s) => !s.endsWith(": fulfilled"))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lists each chapter's cells as the page labels them", async () => {
    const {page} = opened;
    const cells = await page.evaluate(() => window.playground.cells("line"));
    expect(cells).toEqual(["viewof w", "viewof b", "y", "chart"]);
    const labels = await page.$$eval('[data-chapter="line"] [data-cell]', (els) => els.map((e) => e.getAttribute("data-cell")));
    expect(labels).toEqual(cells);
  });

  it("moving the w slider with the keyboard recomputes y and redraws the chart", async () => {
    const {page} = opened;
    const before = await drawn(page, "line", "chart");
    const slider = page.locator('[data-chapter="line"] [data-cell="viewof w"] input[type=range]');
    await slider.focus();
    for (let i = 0; i < 5; ++i) await page.keyboard.press("ArrowRight");
    await idle(page);
    const w = (await page.evaluate(() => window.playground.value("line", "w"))) as number;
    expect(w).toBeCloseTo(1.05, 10);
    const y3 = await page.evaluate(async () => ((await window.playground.value("line", "y")) as (x: number) => number)(3));
    expect(y3).toBeCloseTo(3.15, 10);
    expect(await drawn(page, "line", "chart")).not.toBe(before);
    await expect(page.locator('[data-chapter="line"] .prose .inline').first().textContent()).resolves.toBe("1.05");
  });

  it("dragging the b slider with the mouse moves the line", async () => {
    const {page} = opened;
    const before = await drawn(page, "line", "chart");
    const slider = page.locator('[data-chapter="line"] [data-cell="viewof b"] input[type=range]');
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, {steps: 8});
    await page.mouse.up();
    await idle(page);
    const b = (await page.evaluate(() => window.playground.value("line", "b"))) as number;
    expect(b).toBeGreaterThan(4);
    expect(await drawn(page, "line", "chart")).not.toBe(before);
    const number = page.locator('[data-chapter="line"] [data-cell="viewof b"] input[type=number]');
    expect(+(await number.inputValue())).toBeCloseTo(b, 6);
  });

  it("a broken cell shows its own error, the rest stays live, and fixing it recovers", async () => {
    const {page} = opened;
    const original = await page.evaluate(() => window.playground.source("line", "y"));
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x +"));
    const y = page.locator('[data-chapter="line"] [data-cell="y"]');
    await expect(y.getAttribute("data-state")).resolves.toBe("rejected");
    await expect(y.textContent()).resolves.toMatch(/SyntaxError: .* at 1:\d+/);
    const chart = page.locator('[data-chapter="line"] [data-cell="chart"]');
    await expect(chart.getAttribute("data-state")).resolves.toBe("rejected");
    await expect(chart.textContent()).resolves.toContain("waiting on y");
    // Inputs elsewhere still work.
    await page.evaluate(() => window.playground.set("line", "w", 2));
    await idle(page);
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(2);
    await page.evaluate((source) => window.playground.edit("line", "y", source), original);
    await expect(chart.getAttribute("data-state")).resolves.toBe("fulfilled");
    const y3 = await page.evaluate(async () => ((await window.playground.value("line", "y")) as (x: number) => number)(3));
    expect(y3).toBeCloseTo(2 * 3 + ((await page.evaluate(() => window.playground.value("line", "b"))) as number), 10);
  });

  it("a runtime error names what failed and does not spread to other chapters", async () => {
    const {page} = opened;
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + nothingCalledThis"));
    const chart = page.locator('[data-chapter="line"] [data-cell="chart"]');
    await expect(chart.getAttribute("data-state")).resolves.toBe("rejected");
    await expect(chart.textContent()).resolves.toContain("nothingCalledThis is not defined");
    const others = await page.$$eval('[data-chapter]:not([data-chapter="line"]) [data-cell]', (els) => els.map((e) => e.getAttribute("data-state")));
    expect(others.every((s) => s === "fulfilled")).toBe(true);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b"));
    await expect(chart.getAttribute("data-state")).resolves.toBe("fulfilled");
  });
});

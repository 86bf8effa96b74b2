import {afterAll, beforeAll, beforeEach, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {drawn, idle, launch, open, type Opened} from "./browser.js";

// The model-code exercise, as a reader meets it: a wrong y, hints, their own answer or the
// "show solution" button, and a broken attempt that must not take the chapter down with it.

let browser: Browser;
let opened: Opened;
let original: string;

const chapter = '[data-chapter="model-code"]';
const solution = "y = (x, w, b) => w * x + b";

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser);
  original = await opened.page.evaluate(() => window.playground.source("model-code", "y"));
});

beforeEach(async () => {
  // Every test starts from the exercise as shipped.
  await opened.page.evaluate((source) => window.playground.edit("model-code", "y", source), original);
});

afterAll(async () => {
  await browser?.close();
});

const cell = (page: Page, name: string) => page.locator(`${chapter} [data-cell="${name}"]`);
const state = (page: Page, name: string) => cell(page, name).getAttribute("data-state");
const message = (page: Page) => cell(page, "check").textContent();
const edit = (page: Page, source: string) => page.evaluate((source) => window.playground.edit("model-code", "y", source), source);
const set = async (page: Page, name: string, value: number) => {
  await page.evaluate(([name, value]) => window.playground.set("model-code", name, value), [name, value] as const);
  await idle(page);
};

describe("the model-code exercise", () => {
  it("starts unsolved: y ignores the sliders, and the page gives a hint", async () => {
    const {page} = opened;
    expect(original).toBe("y = (x, w, b) => x");
    expect(await state(page, "chart")).toBe("fulfilled");
    const text = await message(page);
    expect(text).toMatch(/hint/i);
    expect(text).not.toMatch(/solved/i);
    // The reader's line is y = x whatever the sliders say.
    const y = await page.evaluate(async () => ((await window.playground.value("model-code", "y")) as (x: number, w: number, b: number) => number)(3, 2, 1));
    expect(y).toBe(3);
  });

  it("typing the solution makes the success message appear, and the chart follows the sliders", async () => {
    const {page} = opened;
    await edit(page, solution);
    expect(await state(page, "y")).toBe("fulfilled");
    expect(await message(page)).toMatch(/solved/i);
    const before = await drawn(page, "model-code", "chart");
    await set(page, "w", -2);
    await set(page, "b", 3.5);
    expect(await drawn(page, "model-code", "chart")).not.toBe(before);
    const y = await page.evaluate(async () => ((await window.playground.value("model-code", "y")) as (x: number, w: number, b: number) => number)(4, -2, 3.5));
    expect(y).toBe(-2 * 4 + 3.5);
  });

  it("accepts any way of writing w·x + b", async () => {
    const {page} = opened;
    await edit(page, "y = (x, w, b) => {\n  const tilted = x * w;\n  return b + tilted;\n}");
    expect(await message(page)).toMatch(/solved/i);
  });

  it("does not accept wrong answers, including one right only at the sliders' setting", async () => {
    const {page} = opened;
    const wrong = [
      ["y = (x, w, b) => w * x", /does not use b/],
      ["y = (x, w, b) => x + b", /does not use w/],
      ["y = (x, w, b) => w * (x + b)", /not quite/i],
      // Reads the sliders rather than its own parameters: the chart follows the sliders, but
      // y(x, w, b) is wrong for any other w and b.
      ["y = (x) => w * x + b", /same answer whatever/],
      ["y = (x, w, b) => `${w * x + b}`", /not a number/],
      ["y = 3", /should be a function/]
    ] as const;
    for (const [source, hint] of wrong) {
      await edit(page, source);
      const text = await message(page);
      expect(text, source).not.toMatch(/solved/i);
      expect(text, source).toMatch(hint);
    }
  });

  it("the show solution button fills in the answer and runs it", async () => {
    const {page} = opened;
    expect(await message(page)).not.toMatch(/solved/i);
    await page.locator(`${chapter} [data-action="solution"]`).click();
    await page.waitForFunction((solution) => window.playground.source("model-code", "y") === solution, solution);
    await idle(page);
    expect(await page.locator(`${chapter} [data-editor="y"]`).textContent()).toContain("w * x + b");
    expect(await message(page)).toMatch(/solved/i);
  });

  it("an attempt that throws shows its own error; the rest of the chapter keeps working", async () => {
    const {page} = opened;
    await edit(page, "y = (x, w, b) => w.times(x) + b");
    expect(await state(page, "y")).toBe("fulfilled");
    expect(await state(page, "chart")).toBe("rejected");
    expect(await cell(page, "chart").textContent()).toContain("w.times is not a function");
    expect(await state(page, "check")).toBe("fulfilled");
    expect(await message(page)).toContain("w.times is not a function");
    expect(await message(page)).not.toMatch(/solved/i);
    // Sliders and the solution button still work.
    await set(page, "w", 1.5);
    expect(await page.evaluate(() => window.playground.value("model-code", "w"))).toBe(1.5);
    for (const name of ["viewof w", "viewof b", "show_solution"]) expect(await state(page, name), name).toBe("fulfilled");
    await page.locator(`${chapter} [data-action="solution"]`).click();
    await page.waitForFunction((solution) => window.playground.source("model-code", "y") === solution, solution);
    await idle(page);
    expect(await state(page, "chart")).toBe("fulfilled");
    expect(await message(page)).toMatch(/solved/i);
  });

  it("a name that does not exist is reported by y itself", async () => {
    const {page} = opened;
    await edit(page, "y = (x, w, b) => w * x + bias");
    expect(await state(page, "y")).toBe("rejected");
    expect(await cell(page, "y").textContent()).toContain("bias is not defined");
    expect(await cell(page, "chart").textContent()).toContain("bias is not defined");
    expect(await message(page)).not.toMatch(/solved/i);
    for (const name of ["viewof w", "viewof b", "show_solution"]) expect(await state(page, name), name).toBe("fulfilled");
    await set(page, "b", -1);
    expect(await page.evaluate(() => window.playground.value("model-code", "b"))).toBe(-1);
  });

  it("a syntax error shows where it is, and the solution button still rescues the reader", async () => {
    const {page} = opened;
    await edit(page, "y = (x, w, b) => w * x +");
    expect(await state(page, "y")).toBe("rejected");
    expect(await cell(page, "y").textContent()).toMatch(/SyntaxError: .* at 1:\d+/);
    for (const name of ["viewof w", "viewof b", "show_solution"]) expect(await state(page, name), name).toBe("fulfilled");
    await page.locator(`${chapter} [data-action="solution"]`).click();
    await page.waitForFunction((solution) => window.playground.source("model-code", "y") === solution, solution);
    await idle(page);
    expect(await state(page, "y")).toBe("fulfilled");
    expect(await message(page)).toMatch(/solved/i);
    const states = await page.$$eval(`${chapter} [data-cell]`, (els) => els.map((e) => e.getAttribute("data-state")));
    expect(states.filter((s) => s !== "fulfilled")).toEqual([]);
  });
});

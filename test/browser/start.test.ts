import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, Route} from "playwright-core";
import {idle, launch} from "./browser.js";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe("the first page", () => {
  it("shows the first chapter, formulas and chart, from its own code alone; the parser, temml, d3 and the editor wait", async () => {
    const base = inject("baseURL");
    // What the page loads at once: the entry module and what index.html names beside it.
    const index = await (await fetch(base)).text();
    const upfront = new Set(Array.from(index.matchAll(/(?:src|href)="([^"]+\.js)"/g), (m) => new URL(m[1], base).href));
    expect(upfront.size).toBeGreaterThan(0);
    // They hold neither the parser (acorn), nor markdown-it, nor temml: words only those use.
    const code = (await Promise.all([...upfront].map(async (url) => (await fetch(url)).text()))).join("\n");
    for (const word of ["ecmaVersion", "linkify", "temml"]) expect(code.toLowerCase()).not.toContain(word.toLowerCase());
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    // Every other script is held back until the first chapter is on screen.
    const held: Route[] = [];
    let holding = true;
    await page.route(/\.js$/, (route) => (holding && !upfront.has(route.request().url()) ? void held.push(route) : route.continue()));
    await page.goto(base);

    const line = page.locator('[data-chapter="line"]');
    await line.locator('[data-cell="chart"][data-state="fulfilled"] svg').first().waitFor();
    const states = await line.locator("[data-cell]").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-cell")}: ${e.getAttribute("data-state")}`));
    expect(states).toEqual(["viewof w: fulfilled", "viewof b: fulfilled", "y: fulfilled", "chart: fulfilled"]);
    // The prose shows its formulas as MathML, never as TeX, and the sliders' labels too.
    expect(await line.locator(".prose math").count()).toBeGreaterThan(5);
    expect((await line.locator(".prose").allTextContents()).join("")).not.toContain("$");
    await expect(line.locator('[data-cell="viewof w"] label math mi').first().textContent()).resolves.toBe("w");
    // Live holes in the prose have their values.
    await expect(line.locator(".prose .inline").first().textContent()).resolves.toBe("1");

    expect(held.length).toBeGreaterThan(0);
    holding = false;
    for (const route of held) await route.continue();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    const unsettled = await page.$$eval('[data-cell]:not([data-state="fulfilled"])', (els) => els.map((e) => e.getAttribute("data-cell")));
    expect(unsettled).toEqual([]);
    // A formula a cell makes from live values (not known to the build) is filled in once temml is there.
    const formula = page.locator('[data-chapter="neuron"] [data-cell="computation"] math');
    await expect(formula.locator("mo").count()).resolves.toBeGreaterThan(3);
    // So is one a reader writes.
    await page.evaluate(() => window.playground.edit("line", "chart", "chart = tex.block`\\frac{z}{2}`"));
    await expect(line.locator('[data-cell="chart"] math mfrac').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {inView, launch} from "./browser.js";

// One page for the file, never asked to be idle (that would build every chapter): it shows
// what a reader who has not scrolled yet gets, then what scrolling and the API build.
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({viewport: {width: 1280, height: 900}});
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(inject("baseURL"));
  await page.locator('[data-chapter="line"] [data-cell="chart"][data-state="fulfilled"] svg').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
});

/** What a chapter's outputs show: each cell's state, and whether it holds anything. */
const outputs = (slug: string) =>
  page.locator(`[data-chapter="${slug}"] [data-cell]`).evaluateAll((els) => els.map((e) => `${e.getAttribute("data-state")}${e.childElementCount ? "" : " (empty)"}`));

describe("chapters are built as they come near", () => {
  it("a chapter far below shows its prose and none of its cells, while the first chapter is live", async () => {
    // Its words are there to read and find; its cells (outputs, code, tools) come as it comes near.
    await page.waitForFunction(() => (document.querySelector('[data-chapter="network-4"] .chapter-body')?.textContent ?? "").includes("four"));
    expect(await outputs("network-4")).toEqual([]);
    expect(await page.locator('[data-chapter="network-4"] [data-editor]').count()).toBe(0);
    expect(await page.locator('[data-chapter="network-4"] .cell').count()).toBe(0);
    await page.locator('[data-chapter="line"] [data-editor="y"] .cm-editor').waitFor();
  });

  it("scrolling a chapter near builds it and wakes its editors; far away they sleep again", async () => {
    const section = page.locator('[data-chapter="network-4"]');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await page.locator('[data-chapter="network-4"] [data-cell][data-state="fulfilled"]').count()).toBe(0);
    await inView(section.locator(".chapter-number"));
    await section.locator('[data-cell][data-state="fulfilled"] svg').first().waitFor();
    await section.locator("[data-editor] .cm-editor").first().waitFor({state: "attached"});
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => document.querySelectorAll('[data-chapter="network-4"] .cm-editor').length === 0);
    // The values stay: a sleeping chapter is not taken down.
    expect(await page.locator('[data-chapter="network-4"] [data-cell][data-state="fulfilled"] svg').count()).toBeGreaterThan(0);
  });

  it("asking the API for a value builds its chapter and the chapter it imports from", async () => {
    expect(await outputs("fitting")).toEqual([]);
    // descent imports data from fitting, which nobody has built yet.
    const data = await page.evaluate(() => window.playground.value("descent", "data") as Promise<unknown[]>);
    expect(Array.isArray(data) && data.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.playground.value("fitting", "data"))).toEqual(data);
    await page.locator('[data-chapter="fitting"] [data-cell="data"][data-state="fulfilled"]').waitFor({state: "attached"});
    // Setting an input of a chapter not built yet sets it once built; idle() waits for that.
    await page.evaluate(() => window.playground.set("network-2", "wi1", 2.5));
    await page.evaluate(() => window.playground.idle());
    expect(await page.evaluate(() => window.playground.value("network-2", "wi1"))).toBe(2.5);
    expect(await page.locator('[data-chapter="network-2"] [data-cell="viewof wi1"] input[type=range]').inputValue()).toBe("2.5");
    expect(errors).toEqual([]);
  });
});

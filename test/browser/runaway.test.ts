import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {drawn, idle, inView, launch, nudge} from "./browser.js";

// The runaway code a reader may type in model-code's `y`, one cell at a time, each stopped
// with a message in the cell while the rest of the page stays live.
const runaways: [string, string, RegExp][] = [
  ["a loop", "y = { while (true) {} }", /loop at line 1 ran for more than 1.5 s/],
  ["a loop in eval", 'y = eval("while (true) {}")', /loop at line 1 ran for more than 1.5 s/],
  ["a loop in Function", 'y = Function("for (;;) {}")()', /loop at line 3 ran for more than 1.5 s/],
  ["exponential recursion", "y = { const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2); return fib(60) }", /function at line 1 kept the page busy/],
  ["an endless spread", "y = [...{[Symbol.iterator]() { return {next: () => ({done: false, value: 0})} }}]", /function at line 1 kept the page busy/],
  ["recursion that catches its stop", "y = { const f = () => { try { f() } catch { f() } }; f(); return 1 }", /function at line 1 kept the page busy|too much recursion/],
  ["async recursion", "y = { const f = async () => { await null; return f() }; return f() }", /function at line 1 kept the page busy/],
  ["a microtask loop left running", "y = { const f = () => Promise.resolve().then(f); f(); return (x, w, b) => w * x + b }", /function at line 1 kept the page busy/],
  ["a loop in a generator that never yields", "y = { function* g() { while (true) {} } return [...g()] }", /loop at line 1/],
  ["a loop of awaits", "y = { let i = 0; for (;;) await i++; }", /loop at line 1/],
  ["a comparator that never ends", "y = [3, 1, 2].sort(() => { for (;;) {} })", /loop at line 1/],
  ["eval reached indirectly", 'y = { const e = eval; return e("for (;;) {}") }', /loop at line 1/]
];

const key = "how-machines-learn:main";
/** What the page leaves in storage as a cell starts to run (see the last test of "runaway code"). */
let left: {saved: string; running: string};
const y = (page: Page) => page.locator('[data-chapter="model-code"] [data-cell="y"]');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openIn(context: BrowserContext): Promise<{page: Page; errors: string[]}> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(inject("baseURL"));
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
  return {page, errors};
}

/** Edits a cell as the editor's Run does, and resolves without waiting for it to settle. */
function edit(page: Page, source: string): Promise<void> {
  return page.evaluate((s) => void window.playground.edit("model-code", "y", s), source);
}

/** Moves `w` in the first chapter and says whether its chart changed: the page is live. */
async function live(page: Page): Promise<boolean> {
  const before = await drawn(page, "line", "chart");
  await nudge(page, "line", "w", "ArrowRight", 3);
  return (await drawn(page, "line", "chart")) !== before;
}

describe("runaway code", () => {
  let context: BrowserContext, page: Page, errors: string[];
  beforeAll(async () => {
    context = await browser.newContext({viewport: {width: 1280, height: 900}});
    ({page, errors} = await openIn(context));
  });
  afterAll(() => context?.close());

  for (const [what, source, message] of runaways) {
    it(`stops ${what}, says so in the cell, keeps the code, and the page stays live`, async () => {
      await edit(page, source);
      // Saved before it ran: a freeze could not have lost it.
      expect(await page.evaluate((k) => localStorage.getItem(k) ?? "", key)).toContain(JSON.stringify(source).slice(1, -1));
      await y(page).locator(".cell-error").filter({hasText: message}).waitFor({timeout: 10_000});
      await expect(y(page).getAttribute("data-state")).resolves.toBe("rejected");
      expect(await live(page)).toBe(true);
      expect(await page.evaluate(() => window.playground.source("model-code", "y"))).toBe(source);
    });
  }

  it("matches a catastrophic regular expression at once", async () => {
    await page.evaluate(() => window.playground.edit("model-code", "y", 'y = /^(a+)+$/.test("a".repeat(40) + "!") || new RegExp("(x+x+)+y").test("x".repeat(50))'));
    await expect(y(page).getAttribute("data-state")).resolves.toBe("fulfilled");
    await expect(page.evaluate(() => window.playground.value("model-code", "y"))).resolves.toBe(false);
    expect(await live(page)).toBe(true);
  });

  it("has had no uncaught errors, and a reload keeps the code and runs it", async () => {
    expect(errors).toEqual([]);
    const last = runaways.at(-1)![1];
    // The code is saved, and noted as running, before it runs (at the next frame): what a
    // page that froze while running it would leave in storage.
    left = await page.evaluate(([k, source]) => {
      void window.playground.edit("model-code", "y", source);
      return {saved: localStorage.getItem(k)!, running: localStorage.getItem(`${k}:running`)!};
    }, [key, last] as const);
    expect(JSON.parse(left.saved).chapters["model-code"]).toContainEqual(expect.objectContaining({source: last}));
    expect(JSON.parse(left.running)).toEqual([{chapter: "model-code", index: expect.any(Number)}]);
    await y(page).locator(".cell-error").waitFor({timeout: 10_000});
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("model-code", "y"))).toBe(last);
    // The visit ended normally, so nothing is held: the code ran again and was stopped again.
    await y(page).locator(".cell-error").filter({hasText: /loop at line 1/}).waitFor({timeout: 10_000});
    await expect(page.locator('[data-action="run-held"]').count()).resolves.toBe(0);
  });
});

describe("a page that froze", () => {
  it("reopens with the edit kept and held until the reader runs it", {timeout: 120_000}, async () => {
    // A freeze leaves no chance to clear the note: the next visit starts with the saved code
    // and the note that its run had not ended (left by the tests above).
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    await context.addInitScript(([k, saved, running]) => {
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(k, saved);
      localStorage.setItem(`${k}:running`, running);
    }, [key, left.saved, left.running] as const);
    const {page, errors} = await openIn(context);
    expect(await page.evaluate(() => window.playground.source("model-code", "y"))).toBe(runaways.at(-1)![1]);
    await expect(y(page).getAttribute("data-state")).resolves.toBe("rejected");
    await expect(y(page).textContent()).resolves.toContain("was running when the page stopped responding");
    // What reads y waits with it; the reader is told, and the rest of the page works.
    await expect(page.locator('[data-chapter="model-code"] [data-cell="chart"]').getAttribute("data-state")).resolves.toBe("rejected");
    await expect(page.locator(".notice-toast").filter({hasText: "stopped responding last time while it ran y"}).count()).resolves.toBe(1);
    expect(await live(page)).toBe(true);
    // Still held after a reload, until the reader runs it.
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    const run = y(page).locator('[data-action="run-held"]');
    await inView(run);
    await run.click();
    await y(page).locator(".cell-error").filter({hasText: /loop at line 1/}).waitFor({timeout: 10_000});
    await page.evaluate(() => window.playground.edit("model-code", "y", "y = (x, w, b) => w * x + b"));
    await expect(y(page).getAttribute("data-state")).resolves.toBe("fulfilled");
    await expect(page.locator('[data-chapter="model-code"] [data-cell="chart"]').getAttribute("data-state")).resolves.toBe("fulfilled");
    await expect(page.evaluate((k) => localStorage.getItem(`${k}:running`), key)).resolves.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});

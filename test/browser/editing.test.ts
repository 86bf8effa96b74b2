import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {inject} from "vitest";
import {drawn, idle, launch} from "./browser.js";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh context (its own storage), a page in it, and the errors its console shows. */
async function fresh(init?: () => void): Promise<{context: BrowserContext; page: Page; errors: string[]}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  // Editing every cell is the code view's business: the reader's view shows only the lesson's cells.
  await context.addInitScript(() => localStorage.setItem("how-machines-learn:view", "code"));
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(inject("baseURL"));
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
  return {context, page, errors};
}

const editorOf = (page: Page, chapter: string, cell: string) => page.locator(`[data-chapter="${chapter}"] [data-editor="${cell}"] .cm-content`);

/** Replaces an editor's text by typing, as a reader would. */
async function type(page: Page, chapter: string, cell: string, text: string): Promise<void> {
  const editor = editorOf(page, chapter, cell);
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText(text);
}

/** Waits until the page has saved (the save is debounced). */
async function saved(page: Page): Promise<void> {
  await page.waitForFunction(() => localStorage.getItem("how-machines-learn:main") !== null);
  await page.waitForTimeout(400);
}

describe("editing cells", () => {
  it("typing new code and pressing Shift+Enter changes the chart", async () => {
    const {context, page} = await fresh();
    const before = await drawn(page, "line", "chart");
    await type(page, "line", "y", "y = (x) => 2 * w * x + b");
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => 2 * w * x + b");
    const y1 = await page.evaluate(async () => ((await window.playground.value("line", "y")) as (x: number) => number)(1));
    expect(y1).toBe(2);
    expect(await drawn(page, "line", "chart")).not.toBe(before);
    await expect(page.locator('[data-chapter="line"] .cell[data-name="y"]').getAttribute("class")).resolves.toContain("changed");
    await context.close();
  });

  it("marks a syntax error while typing, and clears it when fixed", async () => {
    const {context, page} = await fresh();
    await type(page, "line", "y", "y = (x) => w * x +");
    const mark = page.locator('[data-chapter="line"] [data-editor="y"] .cm-lintRange-error');
    await mark.waitFor();
    await page.keyboard.insertText(" b");
    await mark.waitFor({state: "detached"});
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    await expect(page.locator('[data-chapter="line"] [data-cell="chart"]').getAttribute("data-state")).resolves.toBe("fulfilled");
    await context.close();
  });

  it("stops an infinite loop with an error naming its line, and the page stays live", async () => {
    const {context, page} = await fresh();
    await type(page, "line", "y", "y = {\n  let i = 0;\n  while (true) i++;\n}");
    await page.keyboard.press("Shift+Enter");
    const y = page.locator('[data-chapter="line"] [data-cell="y"]');
    await page.waitForFunction(() => document.querySelector('[data-chapter="line"] [data-cell="y"]')?.getAttribute("data-state") === "rejected");
    await expect(y.textContent()).resolves.toContain("loop at line 3");
    // Another chapter still responds to its inputs.
    await page.evaluate(() => window.playground.set("fitting", "w", 0.6));
    await idle(page);
    expect(await page.evaluate(() => window.playground.value("fitting", "w"))).toBe(0.6);
    await type(page, "line", "y", "y = (x) => w * x + b");
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    await expect(y.getAttribute("data-state")).resolves.toBe("fulfilled");
    await context.close();
  });

  it("gives a clear error for runaway recursion", async () => {
    const {context, page} = await fresh();
    await page.evaluate(() => window.playground.edit("line", "y", "y = { const f = (n) => f(n + 1) + 1; return f(0); }"));
    await expect(page.locator('[data-chapter="line"] [data-cell="y"]').textContent()).resolves.toContain("too much recursion");
    await context.close();
  });

  it("deletes a cell and brings it back with Undo", async () => {
    const {context, page} = await fresh();
    const cell = page.locator('[data-chapter="line"] .cell[data-name="chart"]');
    await cell.hover();
    await cell.locator('[data-tool="delete"]').click();
    await expect(page.locator('[data-chapter="line"] [data-cell="chart"]').count()).resolves.toBe(0);
    expect(await page.evaluate(() => window.playground.cells("line"))).not.toContain("chart");
    await page.locator('[data-action="undo"]').click();
    await idle(page);
    expect(await page.evaluate(() => window.playground.cells("line"))).toEqual(["viewof w", "viewof b", "y", "chart"]);
    await expect(page.locator('[data-chapter="line"] [data-cell="chart"]').getAttribute("data-state")).resolves.toBe("fulfilled");
    await context.close();
  });

  it("adds, duplicates and moves cells; a new cell can be named by typing", async () => {
    const {context, page} = await fresh();
    const y = page.locator('[data-chapter="line"] .cell[data-name="y"]');
    await y.hover();
    await y.locator('[data-tool="add-below"]').click();
    await page.keyboard.insertText("twice = y(2) * 2");
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    expect(await page.evaluate(() => window.playground.cells("line"))).toEqual(["viewof w", "viewof b", "y", "twice", "chart"]);
    expect(await page.evaluate(() => window.playground.value("line", "twice"))).toBe(4);
    const twice = page.locator('[data-chapter="line"] .cell[data-name="twice"]');
    await twice.hover();
    await twice.locator('[data-tool="move-up"]').click();
    expect(await page.evaluate(() => window.playground.cells("line"))).toEqual(["viewof w", "viewof b", "twice", "y", "chart"]);
    await twice.hover();
    await twice.locator('[data-tool="duplicate"]').click();
    await idle(page);
    await expect(page.locator('[data-chapter="line"] [data-cell="twice"]').first().textContent()).resolves.toContain("defined more than once");
    await context.close();
  });

  it("keeps edits and inputs across a reload, and Reset all brings back the lesson", async () => {
    const {context, page} = await fresh();
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b + 1"));
    await page.locator('[data-chapter="line"] [data-cell="viewof w"] input[type=range]').focus();
    await page.keyboard.press("ArrowRight");
    await saved(page);
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    await page.waitForTimeout(100);
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b + 1");
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBeCloseTo(1.01, 10);
    await page.locator('[data-action="reset-all"]').click();
    await page.locator('[data-action="confirm"]').click();
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(1);
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    await context.close();
  });

  it("edits prose in Markdown and shows it", async () => {
    const {context, page} = await fresh();
    const block = page.locator('[data-chapter="line"] .prose-block').first();
    await block.hover();
    await block.locator(".prose-edit").click();
    const editor = block.locator(".prose-editor .cm-content");
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText("# A new title\n\nNow $w$ is ${w}.");
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    await expect(block.locator("h1").textContent()).resolves.toBe("A new title");
    await expect(block.locator(".inline").textContent()).resolves.toBe("1");
    await context.close();
  });
});

describe("storage faults lose nothing on screen", () => {
  it("full storage: says so, and the edit stays on the page", async () => {
    const {context, page} = await fresh(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("full", "QuotaExceededError");
      };
    });
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => 3 * x"));
    const notice = page.locator('[data-notice="storage"]');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain("full");
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => 3 * x");
    await expect(page.locator('[data-chapter="line"] [data-cell="chart"]').getAttribute("data-state")).resolves.toBe("fulfilled");
    await context.close();
  });

  it("storage that throws on every access: says so and works", async () => {
    const {context, page, errors} = await fresh(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("denied", "SecurityError");
        }
      });
    });
    await expect(page.locator('[data-notice="storage"]').textContent()).resolves.toContain("can't be saved");
    await page.evaluate(() => window.playground.set("line", "w", 2));
    await idle(page);
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(2);
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => 3 * x"));
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => 3 * x");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("corrupt storage: the lesson starts as shipped and the bad copy is kept", async () => {
    const {context, page} = await fresh(() => {
      if (!sessionStorage.getItem("seeded")) {
        sessionStorage.setItem("seeded", "1");
        localStorage.setItem("how-machines-learn:main", "{not json");
      }
    });
    await expect(page.locator('[data-notice="storage"]').textContent()).resolves.toContain("could not be read");
    expect(await page.evaluate(() => localStorage.getItem("how-machines-learn:main.unreadable"))).toBe("{not json");
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    await context.close();
  });
});

describe("two tabs", () => {
  it("do not silently overwrite each other", async () => {
    const context = await browser.newContext();
    const open = async () => {
      const page = await context.newPage();
      await page.goto(inject("baseURL"));
      await page.waitForFunction(() => "playground" in window);
      await idle(page);
      return page;
    };
    const a = await open();
    const b = await open();
    await a.evaluate(() => window.playground.edit("line", "y", "y = (x) => 10 * x"));
    await saved(a);
    await b.evaluate(() => window.playground.edit("line", "y", "y = (x) => 20 * x"));
    await b.locator('[data-notice="conflict"]').waitFor();
    const stored = await b.evaluate(() => localStorage.getItem("how-machines-learn:main"));
    expect(stored).toContain("10 * x");
    expect(stored).not.toContain("20 * x");
    await b.locator('[data-action="keep-mine"]').click();
    await b.waitForFunction(() => localStorage.getItem("how-machines-learn:main")!.includes("20 * x"));
    await context.close();
  });
});

import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {idle, openForFile, set} from "./browser.js";

// One page of the whole lesson, read the way readers who do not use a mouse, or do not see
// the screen, or print it, meet it.
const opened = openForFile();
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Lays out every chapter (as scrolling through them would) and waits until all have drawn. */
async function drawAll(page: Page): Promise<void> {
  await page.addStyleTag({content: ".chapter, .cell-output.figure { content-visibility: visible !important; }"});
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await idle(page);
}

type Violation = {id: string; impact: string; nodes: {target: string[]}[]};

/** axe-core's violations of every impact on the whole page, one line each. */
async function axe(page: Page, options: object = {}): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({path: axePath});
  type Axe = {run(d: Document, o: object): Promise<{violations: Violation[]}>};
  const violations = await page.evaluate(async (o) => (await (window as unknown as {axe: Axe}).axe.run(document, {resultTypes: ["violations"], ...o})).violations, options);
  return violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}

/** Where the focus is, in words a test can compare. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return "body";
    const chapter = e.closest<HTMLElement>("[data-chapter]")?.dataset.chapter ?? "";
    const cell = e.closest<HTMLElement>(".cell")?.dataset.name ?? "";
    const what = e.dataset.tool ? `tool:${e.dataset.tool}` : e.dataset.action ? `action:${e.dataset.action}` : e.classList.contains("cm-content") ? "editor" : e.getAttribute("type") ?? e.tagName.toLowerCase();
    // Elements with nothing else to tell them apart (prose edit buttons, code summaries) are numbered.
    const w = window as unknown as {focusIds?: WeakMap<Element, number>; focusCount?: number};
    const ids = (w.focusIds ??= new WeakMap());
    if (!ids.has(e)) ids.set(e, (w.focusCount = (w.focusCount ?? 0) + 1));
    const n = cell || e.dataset.tool || e.dataset.action ? "" : `#${ids.get(e)}`;
    return `${chapter}|${cell}|${what}${n}`;
  });
}

describe("every reader", () => {
  it("axe-core finds no violation of any impact, in light and dark, with every cell's code shown", {timeout: 240_000}, async () => {
    const {page} = opened;
    await drawAll(page);
    // The code view shows all the reader's view does and every cell's code besides, so one full
    // run covers both views; the dark scheme changes only colours, so it is checked for contrast.
    const toggle = page.locator('[data-action="show-code"]');
    if (await toggle.count()) await toggle.first().click();
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("details.cell-source").forEach((d) => (d.open = true)));
    await idle(page);
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({colorScheme: "dark"});
    expect(await axe(page, {runOnly: ["color-contrast"]})).toEqual([]);
    await page.emulateMedia({colorScheme: "light"});
    if (await toggle.count()) await toggle.first().click();
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("details.cell-source").forEach((d) => (d.open = false)));
  });

  it("names every slider and number box from its label, TeX included (the accessibility tree)", async () => {
    const {page} = opened;
    const cdp = await page.context().newCDPSession(page);
    const {nodes} = (await cdp.send("Accessibility.getFullAXTree")) as {nodes: {role?: {value: string}; name?: {value: string}; ignored: boolean}[]};
    const controls = nodes.filter((n) => !n.ignored && ["slider", "spinbutton"].includes(n.role?.value ?? ""));
    const inputs = await page.locator(".cell-output input[type=range], .cell-output input[type=number]").count();
    expect(controls.length).toBe(inputs);
    expect(controls.filter((n) => !n.name?.value.trim())).toEqual([]);
    const names = new Set(controls.map((n) => `${n.role!.value}:${n.name!.value}`));
    for (const name of ["slider:w", "spinbutton:w", "slider:b", "slider:w1", "slider:learning rate η", "slider:learning rate", "slider:simulation speed"]) expect(names).toContain(name);
    await cdp.detach();
  });

  it("gives each chart a short text alternative that follows the values", async () => {
    const {page} = opened;
    const unnamed = await page.$$eval(".cell-output svg, .cell-output canvas", (charts) =>
      charts
        .filter((c) => c.getClientRects().length && !c.closest("[aria-hidden=true], .observablehq"))
        .filter((c) => {
          const named = c.closest("[role=img], [role=application]");
          return !named || !named.getAttribute("aria-label")?.trim();
        })
        .map((c) => `${c.closest<HTMLElement>("[data-chapter]")?.dataset.chapter}/${c.closest<HTMLElement>("[data-cell]")?.dataset.cell}`)
    );
    expect(unnamed).toEqual([]);
    const line = page.locator('[data-chapter="line"] [data-cell="chart"] [role=application]');
    await expect(line.getAttribute("aria-label")).resolves.toMatch(/^line y = 1\.00 x \+ 0\.00/);
    await set(page, "line", "w", 2.5);
    await expect(line.getAttribute("aria-label")).resolves.toMatch(/^line y = 2\.50 x \+ 0\.00/);
    await set(page, "line", "w", 1);
    const plain = await page.locator('[data-chapter="loss"] [role=img][aria-label^="chart of"]').first().getAttribute("aria-label");
    expect(plain).toMatch(/; x from .* to .*, .* from .* to /);
  });

  it("a skip link leads to the chapter menu", async () => {
    const {page} = opened;
    // Tab from the very start of the page (the last control used is where Tab would go on from).
    await page.evaluate(() => {
      const start = Object.assign(document.createElement("button"), {id: "tab-start"});
      document.body.prepend(start);
      start.focus();
      window.scrollTo(0, 0);
    });
    await page.keyboard.press("Tab");
    await page.evaluate(() => document.querySelector("#tab-start")?.remove());
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to the chapters");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.closest("nav")?.id)).resolves.toBe("contents");
  });

  it("Tab leaves an editor until the reader types in it; then Escape, Tab leaves, and the editor says so", async () => {
    const {page} = opened;
    const editor = page.locator('[data-chapter="line"] [data-editor="y"] .cm-content');
    await editor.focus();
    const hint = page.locator('[data-chapter="line"] [data-editor="y"] .cm-keys');
    // CodeMirror marks itself focused a moment after the focus event.
    await expect.poll(() => hint.isVisible()).toBe(true);
    await expect(hint.textContent()).resolves.toMatch(/^Tab moves on/);
    await expect(editor.getAttribute("aria-describedby")).resolves.toBe(await hint.getAttribute("id"));
    await page.keyboard.press("Tab");
    expect(await focused(page)).not.toMatch(/\|y\|editor$/);
    const source = await page.evaluate(() => window.playground.source("line", "y"));

    await editor.focus();
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    await expect(hint.textContent()).resolves.toMatch(/^Tab indents/);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("line|y|editor");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await focused(page)).not.toBe("line|y|editor");
    // Put the text back as it was.
    await editor.focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.type(source);
    await page.keyboard.press("Shift+Enter");
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe(source);
  });

  it("Tab through `line`: one stop per cell's tools, arrows between them, every control reached once", async () => {
    const {page} = opened;
    await page.locator('[data-chapter="line"] .chapter-number').evaluate((e) => {
      const start = document.createElement("button");
      start.id = "tab-start";
      e.before(start);
      start.focus();
    });
    const stops: string[] = [];
    for (let i = 0; i < 40; ++i) {
      await page.keyboard.press("Tab");
      const at = await focused(page);
      if (!at.startsWith("line|")) break;
      stops.push(at);
    }
    await page.locator("#tab-start").evaluate((e) => e.remove());
    // One stop for each cell whose tools show (in the reader's view, the cells marked lesson).
    const withTools = await page.$$eval('[data-chapter="line"] .cell', (cells) => cells.filter((c) => c.querySelector(":scope > .cell-tools")?.getClientRects().length).length);
    const toolStops = stops.filter((s) => s.includes("|tool:") && !s.includes("||tool:"));
    expect(withTools).toBeGreaterThan(0);
    expect(toolStops).toHaveLength(withTools);
    expect(new Set(stops).size).toBe(stops.length);
    expect(stops).toContain("line|viewof w|range");
    expect(stops).toContain("line|chart|div"); // the line itself, to move with the arrows
    expect(stops.filter((s) => s.endsWith("action:run") || s.endsWith("tool:run"))).toEqual([]);
    expect(stops.length).toBeLessThanOrEqual(20);

    // Inside the tools, the arrows move and Tab comes back to the last one used.
    await page.locator('[data-chapter="line"] [data-name="y"] .cell-tools [data-tool="move-up"]').focus();
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("line|y|tool:move-down");
    await page.keyboard.press("End");
    expect(await focused(page)).toBe("line|y|tool:delete");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("line|y|tool:delete");
  });

  it("Tab through `descent`: tools cost one stop per cell and Play is near", async () => {
    const {page} = opened;
    // Every listing descent shows has become an editor (a tab stop) once descent is near.
    await page.locator('[data-chapter="descent"] .chapter-number').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const shown = [...document.querySelectorAll('[data-chapter="descent"] .cell-code')].filter((e) => e.getClientRects().length);
      return shown.every((e) => e.querySelector(".cm-editor"));
    });
    await page.locator('[data-chapter="descent"] .chapter-number').evaluate((e) => {
      const start = document.createElement("button");
      start.id = "tab-start";
      e.before(start);
      start.focus();
    });
    const stops: string[] = [];
    for (let i = 0; i < 120; ++i) {
      await page.keyboard.press("Tab");
      const at = await focused(page);
      if (!at.startsWith("descent|")) break;
      stops.push(at);
    }
    await page.locator("#tab-start").evaluate((e) => e.remove());
    const shown = await page.$$eval('[data-chapter="descent"] .cell', (cells) => cells.filter((c) => c.querySelector(":scope > .cell-tools")?.getClientRects().length).length);
    expect(stops.filter((s) => s.includes("|tool:") && !s.includes("||tool:")), stops.join("\n")).toHaveLength(shown);
    expect(stops.findIndex((s) => s.endsWith("action:play"))).toBeGreaterThan(-1);
    // The reader's view (show-code off) hides most code; with every cell's code summary there,
    // the chapter still has fewer stops than cells had tool buttons before (205).
    // The reader's view (show-code off) hides the code: its editors and "code" summaries. Where
    // the switch exists, the chapter has at most 50 stops; where not, all but the code must fit.
    const readerView = (await page.locator('[data-action="show-code"]').count()) > 0;
    const reading = readerView ? stops : stops.filter((s) => !/\|(editor|summary)(#\d+)?$/.test(s));
    expect(reading.length, stops.join("\n")).toBeLessThanOrEqual(50);
  });

  it("speaks training's status at most about once a second, and the final numbers on pause", async () => {
    const {page} = opened;
    const chapter = page.locator('[data-chapter="descent"]');
    await chapter.locator('[data-action="reset"]').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      // What each live region says, each time it changes: what a screen reader would read out.
      const w = window as unknown as {spoken: string[]; times: number[]; redraws: number};
      w.spoken = [];
      w.times = [];
      w.redraws = 0;
      const last = new Map<Element, string>();
      const status = document.querySelector('[data-chapter="descent"] [data-cell="status"] [data-status]')!.closest(".cell")!;
      for (const live of status.querySelectorAll(":is([aria-live], [role=status]):not(.cm-announced)")) last.set(live, live.textContent ?? "");
      const observer = new MutationObserver((records) => {
        if (records.some((r) => r.target === status.querySelector(".cell-output"))) w.redraws++;
        for (const live of status.querySelectorAll(":is([aria-live], [role=status]):not(.cm-announced)")) {
          const text = live.textContent ?? "";
          if (text && last.get(live) !== text) last.set(live, text), w.spoken.push(`${live.className}:${text}`), w.times.push(performance.now());
        }
      });
      observer.observe(document.querySelector('[data-chapter="descent"]')!, {childList: true, subtree: true, characterData: true});
    });
    // As shipped, descent's loop waits for the reader's call to update: fill it in first.
    await chapter.locator('[data-action="solution"]').click();
    await idle(page);
    await chapter.locator('[data-action="play"]').click();
    await page.waitForTimeout(2500);
    await chapter.locator('[data-action="pause"]').click();
    await page.waitForTimeout(1300);
    const spoken = await page.evaluate(() => (window as unknown as {spoken: string[]}).spoken);
    const live = await page.$$eval('[data-chapter="descent"] :is([aria-live], [role=status]):not(.cm-announced)', (els) => els.map((e) => e.className));
    // Only the page's announcers are live regions; the status cell redrawn every frame is not.
    expect(live.every((c) => c.includes("live-announcer") || c.includes("sr-only"))).toBe(true);
    // Training redraws the status every frame; it is spoken a few times, a second or more apart.
    const {times, redraws} = await page.evaluate(() => {
      const {times, redraws} = window as unknown as {times: number[]; redraws: number};
      return {times, redraws};
    });
    expect(spoken.length).toBeGreaterThan(1);
    expect(redraws).toBeGreaterThan(3 * spoken.length);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThan(900);
    const shown = await chapter.locator('[data-cell="status"] [data-status]').first().textContent();
    expect(spoken.at(-1)).toBe(`sr-only live-announcer:${shown!.replace(/\s+/g, " ").trim()}`);
    expect(shown).toMatch(/iteration [\d,]{2,}/);
    await chapter.locator('[data-action="reset"]').first().click();
    await idle(page);
  });

  it("honours prefers-reduced-motion for decoration", async () => {
    const {page} = opened;
    const duration = () => page.locator('[data-chapter="line"] .cell-output').first().evaluate((e) => parseFloat(getComputedStyle(e).transitionDuration));
    expect(await duration()).toBeGreaterThan(0.1);
    await page.emulateMedia({reducedMotion: "reduce"});
    expect(await duration()).toBeLessThan(0.001);
    await page.emulateMedia({reducedMotion: "no-preference"});
  });

  it("prints prose, formulas and charts on at most 30 A4 pages, with no controls", {timeout: 120_000}, async () => {
    const {page} = opened;
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("details.cell-source").forEach((d) => (d.open = false)));
    const pdf = await page.pdf({format: "A4"});
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(10);
    expect(pages).toBeLessThanOrEqual(30);
    await page.emulateMedia({media: "print"});
    const shown = await page.$$eval("button, input, select, textarea, .cm-editor, .cell-tools, .contents", (els) => els.filter((e) => e.getClientRects().length).length);
    expect(shown).toBe(0);
    const charts = await page.$$eval(".cell-output svg, .cell-output canvas", (els) => els.filter((e) => e.getClientRects().length).length);
    expect(charts).toBeGreaterThan(20);
    await expect(page.locator("math").first().isVisible()).resolves.toBe(true);
    await page.emulateMedia({media: "screen"});
  });

  it("Reset all asks first, and can be undone", async () => {
    const {page} = opened;
    await page.evaluate(() => window.playground.edit("line", "y", "y = (x) => w * x + b + 1"));
    await set(page, "line", "w", 2);
    await page.locator('[data-action="reset-all"]').click();
    await idle(page);
    // Nothing is gone until the reader confirms.
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b + 1");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-action"))).resolves.toBe("confirm");
    await page.locator('[data-action="confirm"]').click();
    await idle(page);
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b");
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(1);
    await page.locator('[data-action="undo"]').click();
    await idle(page);
    await page.waitForFunction(() => window.playground.value("line", "w").then((w) => w === 2));
    expect(await page.evaluate(() => window.playground.source("line", "y"))).toBe("y = (x) => w * x + b + 1");
    expect(await page.evaluate(() => window.playground.value("line", "w"))).toBe(2);
  });
});

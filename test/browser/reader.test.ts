import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {idle, inView, openForFile, value} from "./browser.js";

// The page as a new reader meets it at 1280×900: the reader's view (no plumbing), the code view
// one click away, controls near the charts they move, and the descent exercise done by typing.

const opened = openForFile();

type Census = {chapter: string; cells: number; listings: number; toggles: number; stubs: number; blank: string[]};

/** What each chapter shows: visible code listings, "code" toggles, inspector stubs, and cells that take room showing nothing. */
const census = (page: Page) =>
  page.evaluate(() =>
    window.playground.chapters().map((chapter): Census => {
      const section = document.querySelector(`[data-chapter="${chapter}"]`)!;
      const shown = (e: Element) => e.checkVisibility();
      const cells = [...section.querySelectorAll<HTMLElement>(".cell")];
      return {
        chapter,
        cells: cells.length,
        listings: [...section.querySelectorAll(".cell-code")].filter(shown).length,
        toggles: [...section.querySelectorAll("details.cell-source > summary")].filter(shown).length,
        stubs: [...section.querySelectorAll(".observablehq--inspect")].filter(shown).length,
        blank: cells.filter((c) => shown(c) && c.getBoundingClientRect().height > 0 && ![...c.children].some((k) => shown(k) && k.getBoundingClientRect().height > 4)).map((c) => c.dataset.name!)
      };
    })
  );

const section = (page: Page, chapter: string) => page.locator(`[data-chapter="${chapter}"]`);

describe("the reader's view", () => {
  it("is the default: every chapter shows its few lesson listings and no plumbing", async () => {
    const {page} = opened;
    await expect(page.locator('[data-action="show-code"]').getAttribute("aria-pressed")).resolves.toBe("false");
    for (const c of await census(page)) {
      expect(c.listings, c.chapter).toBeGreaterThanOrEqual(1);
      expect(c.listings, c.chapter).toBeLessThanOrEqual(3);
      expect(c.toggles, c.chapter).toBe(0);
      expect(c.stubs, c.chapter).toBe(0);
      expect(c.blank, c.chapter).toEqual([]);
    }
  });

  it("shows numbers rounded, never a raw double", async () => {
    const {page} = opened;
    const text = await page.locator("#lesson").innerText();
    expect(text.match(/\d\.\d{7,}/g) ?? []).toEqual([]);
  });

  it("opens on a first screen that says what this is and what to do, with the first chart on it", async () => {
    const {page} = opened;
    await page.evaluate(() => window.scrollTo(0, 0));
    const first = section(page, "line");
    await expect(first.locator(".prose").first().innerText()).resolves.toMatch(/Start here/);
    const chart = await first.locator('[data-cell="chart"]').boundingBox();
    expect(chart!.y + chart!.height).toBeLessThanOrEqual(900);
  });

  it("keeps every control within half a screen of the chart it changes", async () => {
    const {page} = opened;
    const pairs: [string, string, string][] = [
      ["line", "viewof w", "chart"],
      ["plane", "viewof w1", "top_view"],
      ["sigmoid-2d", "viewof w1", "top_view"],
      ["sigmoid-2d", "viewof w1", "surface_view"],
      ["network-4", "viewof wi1", "chart"],
      ["network-4", "viewof b3", "contributions"],
      ["network-4", "viewof wo4", "contributions"],
      ["network-4", "viewof wo4", "chart"],
      ["gradient", "viewof w", "slices"],
      ["loss", "viewof w", "residual_chart"],
      ["landscape", "viewof w", "surface_view"],
      ["derivative", "downhill", "curve_chart"],
      ["step", "viewof learning_rate", "step_views"],
      ["step", "viewof position", "step_views"],
      ["descent", "viewof learning_rate", "descent_views"],
      ["descent", "viewof training", "descent_views"],
      ["descent", "viewof training", "loss_chart"],
      ["next", "viewof learning_rate", "viewof points"],
      ["next", "viewof seed", "viewof points"],
      ["next", "viewof training", "viewof points"]
    ];
    for (const [chapter, control, chart] of pairs) {
      const a = section(page, chapter).locator(`[data-cell="${control}"]`);
      await inView(a);
      const [r, s] = [await a.boundingBox(), await section(page, chapter).locator(`[data-cell="${chart}"]`).boundingBox()];
      const gap = Math.max(0, Math.max(r!.y, s!.y) - Math.min(r!.y + r!.height, s!.y + s!.height));
      expect(gap, `${chapter}: ${control} to ${chart}`).toBeLessThanOrEqual(450);
    }
    // The maps of landscape and gradient have their own pair of sliders, bound to the ones at the top: moving it moves both.
    for (const [chapter, view] of [["landscape", "landscape_views"], ["gradient", "gradient_view"]]) {
      const map = section(page, chapter).locator(`[data-cell="${view}"]`);
      await inView(map);
      const near = section(page, chapter).locator('[data-cell^="#"] input[type=range]').first();
      const [r, s] = [await near.boundingBox(), await map.boundingBox()];
      expect(Math.max(0, s!.y - (r!.y + r!.height)), chapter).toBeLessThanOrEqual(450);
      await near.focus();
      await page.keyboard.press("ArrowRight");
      await expect(page.evaluate((c) => window.playground.value(c, "w"), chapter)).resolves.toBeCloseTo(1.01, 6);
      await page.evaluate((c) => window.playground.set(c, "w", 1), chapter);
    }
  });

  it("fits the training figure, controls to loss chart, on one 1280×900 screen", async () => {
    const {page} = opened;
    const top = await section(page, "descent").locator('[data-cell="viewof learning_rate"]').boundingBox();
    const bottom = await section(page, "descent").locator('[data-cell="loss_chart"]').boundingBox();
    expect(bottom!.y + bottom!.height - top!.y).toBeLessThanOrEqual(900 - 60); // the header takes the rest
  });

  it("next: a new random start or learning rate shows at once, before any training", async () => {
    const {page} = opened;
    const chart = section(page, "next").locator('[data-cell="viewof points"]');
    await inView(chart);
    const before = await chart.innerHTML();
    const seed = section(page, "next").locator('[data-cell="viewof seed"] input[type=range]');
    await seed.focus();
    await page.keyboard.press("ArrowRight");
    await idle(page);
    expect(await chart.innerHTML()).not.toBe(before);
    expect(await value(page, "next", "iteration_counter")).toBe(0);
    const status = section(page, "next").locator('[data-cell="status"]');
    const said = await status.innerText();
    const rate = section(page, "next").locator('[data-cell="viewof learning_rate"] input[type=range]');
    await rate.focus();
    await page.keyboard.press("ArrowRight");
    await idle(page);
    expect(await status.innerText()).not.toBe(said);
    await page.keyboard.press("ArrowLeft");
    await seed.focus();
    await page.keyboard.press("ArrowLeft");
    await idle(page);
  });
});

describe("the code view", () => {
  it("shows every cell's code, one click away, remembered, and back", async () => {
    const {page} = opened;
    const button = page.locator('[data-action="show-code"]');
    await button.click();
    await expect(button.getAttribute("aria-pressed")).resolves.toBe("true");
    for (const c of await census(page)) {
      // Each cell shows its code, or the toggle that opens it.
      expect(c.listings + c.toggles, c.chapter).toBe(c.cells);
    }
    await page.reload();
    await page.waitForFunction(() => "playground" in window);
    await idle(page);
    await expect(page.locator('[data-action="show-code"]').getAttribute("aria-pressed")).resolves.toBe("true");
    await page.locator('[data-action="show-code"]').click();
    expect((await census(page)).every((c) => c.toggles === 0)).toBe(true);
  });

  it("shows each value as it is now, though the reader's view drew only the rounded one", async () => {
    const {page} = opened;
    const cell = section(page, "loss").locator('[data-cell="loss"]');
    await inView(section(page, "loss").locator('[data-cell="viewof w"] input[type=range]'));
    await section(page, "loss").locator('[data-cell="viewof w"] input[type=range]').focus();
    for (let i = 0; i < 3; ++i) await page.keyboard.press("ArrowRight");
    await idle(page);
    const loss = (await page.evaluate(() => window.playground.value("loss", "loss"))) as number;
    // The reader reads it rounded, and the inspector was not redrawn behind it.
    await expect(cell.locator(".value-read").textContent()).resolves.toMatch(/^loss = \d+(\.\d{1,3})?$/);
    await expect(cell.locator(".value-exact").textContent()).resolves.not.toBe(String(loss));
    const toggle = section(page, "loss").locator('[data-tool="chapter-code"]');
    await toggle.click();
    await expect(cell.locator(".value-exact").textContent()).resolves.toBe(String(loss));
    // In the code view each move shows at once.
    await section(page, "loss").locator('[data-cell="viewof w"] input[type=range]').focus();
    await page.keyboard.press("ArrowRight");
    await idle(page);
    const next = (await page.evaluate(() => window.playground.value("loss", "loss"))) as number;
    await expect(cell.locator(".value-exact").textContent()).resolves.toBe(String(next));
    await toggle.click();
  });

  it("can be opened for one chapter alone", async () => {
    const {page} = opened;
    const toggle = section(page, "descent").locator('[data-tool="chapter-code"]');
    await toggle.click();
    const [descent, next] = (await census(page)).filter((c) => c.chapter === "descent" || c.chapter === "next");
    expect(descent.listings + descent.toggles).toBe(descent.cells);
    expect(next.toggles).toBe(0);
    await toggle.click();
    expect((await census(page)).find((c) => c.chapter === "descent")!.toggles).toBe(0);
  });
});

describe("the descent exercise, by typing", () => {
  const check = (page: Page) => section(page, "descent").locator('[data-cell="train_check"]');
  const status = (page: Page) => section(page, "descent").locator('[data-cell="status"]');
  const trainer = (page: Page) => section(page, "descent").locator('[data-cell="viewof training"]');
  // By its place in the chapter: code that does not parse has no name, so no data-cell="train".
  let place = -1;
  const trainCell = (page: Page) => section(page, "descent").locator(".cell").nth(place);
  const editor = (page: Page) => trainCell(page).locator(".cm-content");
  const press = async (page: Page, action: string) => {
    await section(page, "descent").locator(`[data-action="${action}"]`).click();
    await idle(page);
  };
  /** Replaces train's code the way a reader does: select all in its editor, type, Shift+Enter. */
  const type = async (page: Page, source: string) => {
    await editor(page).click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Backspace");
    await page.keyboard.insertText(source);
    await page.keyboard.press("Shift+Enter");
    await idle(page);
  };
  const loop = (body: string, end = "  return {w, b, iteration_counter};\n") =>
    `train = ({w, b, iteration_counter}, iterations) => {\n  for (let i = 0; i < iterations; ++i) {\n    ${body.replace(/\n/g, "\n    ")}\n  }\n${end}}`;

  it("as shipped: Play moves the counter, not w and b, and the page says why", async () => {
    const {page} = opened;
    place = await section(page, "descent").locator(".cell").evaluateAll((cells) => cells.findIndex((c) => (c as HTMLElement).dataset.name === "train"));
    expect(place).toBeGreaterThan(0);
    await inView(trainer(page));
    await expect(check(page).innerText()).resolves.toMatch(/counter moves, but w and b stay/);
    await press(page, "play");
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(20);
    await press(page, "pause");
    expect(await value(page, "descent", "w")).toBe(1);
    expect(await value(page, "descent", "b")).toBe(0);
    await expect(status(page).innerText()).resolves.toMatch(/needs to call update/);
    await press(page, "reset");
  });

  it("hints at Python, a missing return and a loop that ignores its iterations", async () => {
    const {page} = opened;
    await type(page, "def train(iterations):\n    for i in range(iterations):\n        update()");
    await expect(trainCell(page).locator(".cell-error").innerText()).resolves.toMatch(/SyntaxError[\s\S]*Python/);
    // The rest of the chapter waits, and the way out is still there.
    await expect(section(page, "descent").locator('[data-action="solution"]').isVisible()).resolves.toBe(true);
    await type(page, loop("({w, b} = update({w, b}));\niteration_counter += 1;", ""));
    await expect(check(page).innerText()).resolves.toMatch(/gives back nothing.*return/);
    await press(page, "step");
    await expect(trainer(page).innerText()).resolves.toMatch(/gave back nothing/);
    await type(page, loop("({w, b} = update({w, b}));\niteration_counter += 1;").replace("i < iterations", "i < 10"));
    await expect(check(page).innerText()).resolves.toMatch(/counted 10.*iterations/);
  });

  it("typing the call to update solves it, and Play then runs the reader's loop to the last bit", async () => {
    const {page} = opened;
    await type(page, loop("({w, b} = update({w, b}));\niteration_counter += 1;"));
    await expect(check(page).innerText()).resolves.toMatch(/Solved/);
    await press(page, "reset");
    await press(page, "play");
    await expect.poll(() => value<number>(page, "descent", "iteration_counter"), {timeout: 30_000}).toBeGreaterThan(50);
    await press(page, "pause");
    const [w, b, k, lr] = await Promise.all(["w", "b", "iteration_counter", "learning_rate"].map((n) => value<number>(page, "descent", n)));
    // The lesson's loop, written here: k steps from (1, 0).
    const data: [number, number][] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];
    let p = {w: 1, b: 0};
    for (let i = 0; i < k; ++i) {
      let dw = 0, db = 0;
      for (const [x, t] of data) {
        const e = p.w * x + p.b - t;
        dw += e * x;
        db += e;
      }
      p = {w: p.w - lr * dw, b: p.b - lr * db};
    }
    expect(Object.is(w, p.w)).toBe(true);
    expect(Object.is(b, p.b)).toBe(true);
    await expect(status(page).innerText()).resolves.not.toMatch(/needs to call update/);
    await press(page, "reset");
  });

  it("Show solution fills the loop in", async () => {
    const {page} = opened;
    await type(page, loop("iteration_counter += 1;"));
    await expect(check(page).innerText()).resolves.toMatch(/counter moves/);
    await press(page, "solution");
    expect(await page.evaluate(() => window.playground.source("descent", "train"))).toMatch(/\(\{w, b\} = update\(\{w, b\}\)\);/);
    await expect(check(page).innerText()).resolves.toMatch(/Solved/);
  });
});

import {afterAll, beforeAll, describe, expect, inject, it} from "vitest";
import type {Browser, CDPSession, Locator, Page} from "playwright-core";
import {idle, inView, launch, value} from "./browser.js";

// The lesson on a phone: 390 px wide, touch only, fingers sent as real touch events (CDP).
let browser: Browser, page: Page, cdp: CDPSession;
beforeAll(async () => {
  browser = await launch();
  const context = await browser.newContext({viewport: {width: 390, height: 844}, hasTouch: true});
  page = await context.newPage();
  await page.goto(inject("baseURL"));
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
  cdp = await context.newCDPSession(page);
});
afterAll(async () => {
  await browser?.close();
});

type Finger = [x: number, y: number];

/** Touches, moves and lifts fingers as a touch screen reports them. */
async function touch(type: "touchStart" | "touchMove" | "touchEnd", fingers: Finger[]): Promise<void> {
  await cdp.send("Input.dispatchTouchEvent", {type, touchPoints: fingers.map(([x, y], id) => ({x, y, id}))});
}

/** One finger from `from`, moved by (dx, dy) in small steps, then lifted. */
async function swipe([x, y]: Finger, dx: number, dy: number): Promise<void> {
  await touch("touchStart", [[x, y]]);
  for (let i = 1; i <= 10; ++i) await touch("touchMove", [[x + (dx * i) / 10, y + (dy * i) / 10]]);
  await touch("touchEnd", []);
  await settle();
}

const settle = async () => {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await idle(page);
};

const scrollY = () => page.evaluate(() => window.scrollY);

/** Where a point of a Plot chart (in data units) is on screen. */
function onChart(chart: Locator, x: number, y: number): Promise<Finger> {
  return chart.evaluate(
    (el, [x, y]) => {
      const svg = [el, ...el.querySelectorAll("svg")].find((s) => typeof (s as unknown as {scale?: unknown}).scale === "function") as SVGSVGElement & {scale(n: string): {apply(v: number): number}};
      const rect = svg.getBoundingClientRect();
      const k = rect.width / svg.width.baseVal.value;
      return [rect.left + svg.scale("x").apply(x) * k, rect.top + svg.scale("y").apply(y) * k] as Finger;
    },
    [x, y] as const
  );
}

/** Page width against the screen's, and the widest thing that sticks out, if any. */
function sideways(): Promise<{scroll: number; screen: number}> {
  return page.evaluate(() => ({scroll: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth}));
}

describe("on a phone", () => {
  it("nothing scrolls sideways at 390 and 320 px, and the header is compact and scrolls away", async () => {
    await page.addStyleTag({content: ".chapter, .cell-output.figure { content-visibility: visible !important; }"});
    await settle();
    expect(await sideways()).toEqual({scroll: 390, screen: 390});
    // Its buttons wrap onto a second row rather than hide past the edge.
    const header = await page.locator(".masthead").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(112);
    const reset = await page.locator('[data-action="reset-all"]').boundingBox();
    expect(reset!.x + reset!.width).toBeLessThanOrEqual(390);
    await expect(page.locator(".masthead").evaluate((e) => getComputedStyle(e).position)).resolves.toBe("static");
    await expect(page.locator('[data-action="reset-all"]').isVisible()).resolves.toBe(true);
    await page.setViewportSize({width: 320, height: 700});
    await settle();
    expect(await sideways()).toEqual({scroll: 320, screen: 320});
    // Charts fit the column, and their tick labels stay at a readable size.
    const widest = await page.$$eval(".cell-output svg, .cell-output canvas", (els) => Math.max(...els.filter((e) => e.getClientRects().length && !e.closest(".observablehq")).map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(320);
    await page.setViewportSize({width: 390, height: 844});
    await settle();
  });

  it("the chapter menu steps aside while reading on, comes back on a flick up, and a tap on a chapter goes there", async () => {
    await inView(page.locator('[data-chapter="loss"]'));
    const button = page.locator('[data-action="chapters"]');
    const onScreen = () => button.evaluate((b) => b.getBoundingClientRect().bottom <= innerHeight && getComputedStyle(b).opacity === "1");
    await expect(onScreen()).resolves.toBe(true);
    // A finger reading on: the button slides away, covering nothing; a flick back up brings it.
    await swipe([200, 600], 0, -200);
    await page.waitForTimeout(300); // its slide
    await expect(onScreen()).resolves.toBe(false);
    await swipe([200, 300], 0, 120);
    await page.waitForTimeout(300);
    await expect(onScreen()).resolves.toBe(true);
    await button.tap();
    const menu = page.locator("#contents");
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute("aria-expanded")).resolves.toBe("true");
    await menu.getByRole("link", {name: "Gradient descent"}).tap();
    await page.waitForFunction(() => location.hash === "#descent");
    await expect(menu.isVisible()).resolves.toBe(false);
    const top = await page.locator('[data-chapter="descent"]').evaluate((e) => e.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(200);
  });

  it("a swipe over the line chart scrolls the page; a finger on the line drags it", async () => {
    const chart = page.locator('[data-chapter="line"] [data-cell="chart"]');
    await inView(chart);
    const [w, b] = [await value(page, "line", "w"), await value(page, "line", "b")];
    // Far from the line y = x: the top left corner.
    const before = await scrollY();
    await swipe(await onChart(chart, -7, 7), 0, -250);
    expect(await scrollY()).toBeGreaterThan(before + 100);
    expect([await value(page, "line", "w"), await value(page, "line", "b")]).toEqual([w, b]);
    // On the line's middle: the line moves up with the finger, the page stays.
    await inView(chart);
    const still = await scrollY();
    const [x, y] = await onChart(chart, 1, 1);
    await swipe([x, y], 0, -60);
    expect(await scrollY()).toBe(still);
    expect(await value(page, "line", "b")).toBeGreaterThan(1);
    await page.evaluate(() => window.playground.set("line", "b", 0));
    await idle(page);
  });

  it("a tap on the fitting chart adds nothing; pressing and holding adds a point", async () => {
    const chart = page.locator('[data-chapter="fitting"] [data-cell="fit_chart"]');
    await inView(chart);
    const count = async () => ((await value(page, "fitting", "data")) as unknown[]).length;
    const n = await count();
    // Inside the chart's axes, which fit the lesson's data (y up to 5.5).
    const spot = await onChart(chart, 2, 5);
    await touch("touchStart", [spot]);
    await touch("touchEnd", []);
    await page.waitForTimeout(600);
    await settle();
    expect(await count()).toBe(n);
    await touch("touchStart", [spot]);
    await page.waitForTimeout(700);
    await touch("touchEnd", []);
    await settle();
    expect(await count()).toBe(n + 1);
    const data = (await value(page, "fitting", "data")) as [number, number][];
    expect(data.at(-1)![0]).toBeCloseTo(2, 0);
    expect(data.at(-1)![1]).toBeCloseTo(5, 0);
    // Put the data back as shipped.
    const source = await page.evaluate(() => window.playground.source("fitting", "data"));
    await page.evaluate((s) => window.playground.edit("fitting", "data", s.replace(/, \[[^\]]*\]\]$/, "]")), source);
    expect(await count()).toBe(n);
  });

  it("one finger over the 3D plane scrolls the page; two fingers turn it", async () => {
    const view = page.locator('[data-chapter="plane"] [data-cell="surface_view"] .draw-surface');
    await inView(view);
    const box = (await view.boundingBox())!;
    const angles = () => page.evaluate(async () => ((await window.playground.value("plane", "surface_view")) as HTMLElement & {value: object}).value);
    const start = await angles();
    const before = await scrollY();
    await swipe([box.x + box.width / 2, box.y + box.height / 2], 0, -200);
    expect(await scrollY()).toBeGreaterThan(before + 100);
    expect(await angles()).toEqual(start);
    await inView(view);
    const b = (await view.boundingBox())!;
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    await touch("touchStart", [[cx - 40, cy], [cx + 40, cy]]);
    for (let i = 1; i <= 8; ++i) await touch("touchMove", [[cx - 40 + 10 * i, cy], [cx + 40 + 10 * i, cy]]);
    await touch("touchEnd", []);
    await settle();
    const turned = (await angles()) as {azimuth: number};
    expect(turned.azimuth).not.toBeCloseTo((start as {azimuth: number}).azimuth, 0);
  });
});

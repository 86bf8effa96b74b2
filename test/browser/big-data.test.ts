import {describe, expect, inject, it} from "vitest";
import type {Locator, Page} from "playwright-core";
import {idle, inView, openForFile} from "./browser.js";

// With tens of thousands of points the charts paint them on a canvas. What the reader must
// still see: every point where it belongs, the line moving over them, and honest residuals.
const opened = openForFile();

const POINTS = 20_000;
// Two points far from the cloud, last in the data, each alone where it is drawn.
const LONERS: [number, number][] = [[8.5, 0.5], [0.5, 6]];
/** A cloud along y = 0.6x + 0.2 over the fitting chart, from a seeded generator, then the loners. */
const source = `data = {
  let s = 7;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const cloud = Array.from({length: ${POINTS - LONERS.length}}, () => {
    const x = 1 + 7 * random();
    return [x, 0.6 * x + 0.2 + (random() - 0.5) * 0.8];
  });
  return cloud.concat(${JSON.stringify(LONERS)});
}`;

/** A picture of an element as the reader sees it, and its pixels, read in the page. */
interface Shot {
  /** The colour at a page position, as [r, g, b]. */
  at(x: number, y: number): [number, number, number];
  box: {x: number; y: number; width: number; height: number};
}

async function shoot(page: Page, locator: Locator): Promise<Shot> {
  // In the middle of the window, clear of the page's sticky header.
  await locator.evaluate((el) => el.scrollIntoView({block: "center"}));
  await inView(locator);
  const box = (await locator.boundingBox())!;
  const png = (await page.screenshot({clip: box})).toString("base64");
  const {width, height, pixels} = await page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    // As a binary string: a million numbers as a JSON array take seconds to cross to the test.
    const bytes = context.getImageData(0, 0, image.width, image.height).data;
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return {width: image.width, height: image.height, pixels: btoa(binary)};
  }, png);
  const data = Buffer.from(pixels, "base64");
  return {
    box,
    at(x, y) {
      const i = Math.max(0, Math.min(height - 1, Math.round(y - box.y))) * width + Math.max(0, Math.min(width - 1, Math.round(x - box.x)));
      return [data[4 * i], data[4 * i + 1], data[4 * i + 2]];
    }
  };
}

/** Where data points are in the window, through the Plot scales of a chart. */
function screen(chart: Locator, points: [number, number][]): Promise<[number, number][]> {
  return chart.evaluate((svg, points) => {
    const plot = svg as SVGSVGElement & {scale(n: string): {apply(v: number): number}};
    const rect = plot.getBoundingClientRect();
    const k = rect.width / plot.width.baseVal.value;
    return points.map(([x, y]) => [rect.left + plot.scale("x").apply(x) * k, rect.top + plot.scale("y").apply(y) * k] as [number, number]);
  }, points);
}

/** A CSS colour of the page (a variable's value) as [r, g, b]. */
function cssColor(page: Page, value: string): Promise<[number, number, number]> {
  return page.evaluate((value) => {
    const probe = document.createElement("span");
    probe.style.color = value;
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
    probe.remove();
    return rgb.slice(0, 3) as [number, number, number];
  }, value);
}

const near = (a: number[], b: number[], tolerance = 24) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

/**
 * Checks that the chart shows the data: each loner in the data's colour with background to its
 * left (to its right may be its residual's square), and some of the data's colour within a dot's
 * radius of every sampled point of the cloud.
 */
async function expectPoints(page: Page, cell: Locator, data: [number, number][], radius: number) {
  const chart = cell.locator("svg").first();
  const shot = await shoot(page, cell);
  const [fill, background] = await Promise.all([cssColor(page, "var(--data)"), cssColor(page, "var(--bg)")]);
  const loners = await screen(chart, LONERS);
  for (const [x, y] of loners) {
    expect(shot.at(x, y), `a loner at ${x}, ${y}`).toSatisfy((c: number[]) => near(c, fill));
    expect(shot.at(x - radius - 4, y), `beside a loner at ${x}, ${y}`).toSatisfy((c: number[]) => near(c, background));
  }
  const sample = data.filter((_, i) => i % 97 === 0);
  const missing = (await screen(chart, sample)).filter(([x, y]) => {
    for (let dx = -radius + 1; dx < radius; ++dx) for (let dy = -radius + 1; dy < radius; ++dy) if (near(shot.at(x + dx, y + dy), fill)) return false;
    return true;
  });
  expect(missing, "points with none of the data's colour where they are drawn").toEqual([]);
  // One picture, not an element per point.
  expect(await cell.locator("circle").count()).toBeLessThan(50);
}

describe(`${POINTS.toLocaleString("en-US")} points`, () => {
  it("fitting draws them all and the line moves over them", async () => {
    const {page, errors} = opened;
    await page.evaluate((source) => window.playground.edit("fitting", "data", source), source);
    await idle(page);
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    expect(data).toHaveLength(POINTS);
    const cell = page.locator('[data-chapter="fitting"] [data-cell="fit_chart"]');
    await expectPoints(page, cell, data, 6);
    // Move w as a reader would: the line moves, the points stay.
    const model = await cssColor(page, "var(--model)");
    const chart = cell.locator("svg").first();
    /**
     * Whether the line shows at (6.5, 6.5), on the line y = x and above the cloud: in the model's
     * colour within a pixel or two of it, as the line's edge is smoothed into the background and
     * where a pixel falls depends on the page's scroll.
     */
    const lineThere = async () => {
      const shot = await shoot(page, cell);
      const [[x, y]] = await screen(chart, [[6.5, 6.5]]);
      for (let dx = -2; dx <= 2; ++dx) for (let dy = -2; dy <= 2; ++dy) if (near(shot.at(x + dx, y + dy), model, 40)) return true;
      return false;
    };
    // The line is drawn on its layer once the 20,000 points are painted: give it the frames that takes.
    await expect.poll(lineThere, {timeout: 15_000, interval: 250}).toBe(true);
    const slider = page.locator('[data-chapter="fitting"] [data-cell="viewof w"] input[type=range]');
    await slider.focus();
    for (let i = 0; i < 30; ++i) await page.keyboard.press("ArrowLeft");
    await idle(page);
    expect(await page.evaluate(() => window.playground.value("fitting", "w"))).toBeCloseTo(0.7, 6);
    expect(await lineThere()).toBe(false);
    await expectPoints(page, cell, data, 6);
    expect(errors).toEqual([]);
  });

  it("the landscape's line chart draws them all", async () => {
    const {page} = opened;
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    // The chart is shown beside the map, in landscape_views.
    await expectPoints(page, page.locator('[data-chapter="landscape"] [data-cell="landscape_views"] .draw-layered'), data, 4.5);
  });

  it("the loss chapter draws every point, and says which residuals it draws", async () => {
    const {page} = opened;
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    const cell = page.locator('[data-chapter="loss"] [data-cell="residual_chart"]');
    await expectPoints(page, cell, data, 5);
    await expect(cell.textContent()).resolves.toContain(`residuals of 2,000 of the ${POINTS.toLocaleString("en-US")} points`);
  });

  it("paints its canvases at the screen's pixel density", async () => {
    // A high-density screen from the start (a change of density, as when zooming, is a unit test:
    // headless Chromium sends no change events for an emulated one).
    const context = await opened.browser.newContext({viewport: {width: 1280, height: 900}, deviceScaleFactor: 2});
    const page = await context.newPage();
    try {
      await page.goto(inject("baseURL"));
      await page.waitForFunction(() => "playground" in window);
      await page.evaluate((source) => window.playground.edit("fitting", "data", source), source);
      await idle(page);
      /** Canvas pixels per CSS pixel across the canvas: the density it was painted for. */
      const density = async (canvas: Locator) => (await inView(canvas), canvas.evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width));
      expect(await density(page.locator('[data-chapter="fitting"] [data-cell="fit_chart"] canvas').first())).toBeCloseTo(2, 2);
      expect(await density(page.locator('[data-chapter="plane"] g.mesh canvas').first())).toBeCloseTo(2, 2);
    } finally {
      await context.close();
    }
  });

  it("repaints in the reader's colours when the colour scheme flips", async () => {
    const {page} = opened;
    const data = (await page.evaluate(() => window.playground.value("fitting", "data"))) as [number, number][];
    const cell = page.locator('[data-chapter="fitting"] [data-cell="fit_chart"]');
    const light = await cssColor(page, "var(--data)");
    await page.emulateMedia({colorScheme: "dark"});
    try {
      expect(await cssColor(page, "var(--data)")).not.toEqual(light);
      await expectPoints(page, cell, data, 6);
    } finally {
      await page.emulateMedia({colorScheme: "light"});
    }
  });
});

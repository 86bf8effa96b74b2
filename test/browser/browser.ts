import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, inject} from "vitest";
import {launch} from "./chromium.js";

export {launch};

/** A page of the built playground with its console errors collected. */
export interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions, as the reader's console would show them. */
  errors: string[];
}

/** Opens the playground (or a path under it) and waits until every cell has settled. */
export async function open(browser: Browser, path = "", options: {width?: number; height?: number; code?: boolean} = {}): Promise<Opened> {
  const page = await browser.newPage({viewport: {width: options.width ?? 1280, height: options.height ?? 900}});
  // The code view (every cell's code and tools) instead of the reader's view, as show-code gives.
  if (options.code) await page.addInitScript(() => localStorage.setItem("how-machines-learn:view", "code"));
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(inject("baseURL") + path);
  await page.waitForFunction(() => "playground" in window);
  await idle(page);
  return {page, errors};
}

/** Waits until no cell is pending. */
export function idle(page: Page): Promise<void> {
  return page.evaluate(async () => void (await window.playground.idle()));
}

/** A cell's current value, read through window.playground. */
export function value<T = unknown>(page: Page, chapter: string, name: string): Promise<T> {
  return page.evaluate(([c, n]) => window.playground.value(c, n), [chapter, name] as const) as Promise<T>;
}

/** Sets an input as if the reader moved it, and waits until the page has settled. */
export async function set(page: Page, chapter: string, name: string, v: unknown): Promise<void> {
  await page.evaluate(([c, n, x]) => window.playground.set(c as string, n as string, x), [chapter, name, v] as const);
  await idle(page);
}

/** Moves a slider with the keyboard, as a reader tabbing to it would, and waits until the page has settled. */
export async function nudge(page: Page, chapter: string, name: string, key: "ArrowLeft" | "ArrowRight", times = 5): Promise<void> {
  const slider = page.locator(`[data-chapter="${chapter}"] [data-cell="viewof ${name}"] input[type=range]`);
  await slider.focus();
  for (let i = 0; i < times; ++i) await page.keyboard.press(key);
  await idle(page);
}

/** The text of a chart, a quick fingerprint of what is drawn in a cell. */
export function drawn(page: Page, chapter: string, cell: string): Promise<string> {
  return page.locator(`[data-chapter="${chapter}"] [data-cell="${cell}"]`).evaluate((el) => el.innerHTML);
}

declare global {
  interface Window {
    playground: import("../../src/playground.js").Playground;
  }
}

/**
 * Scrolls an element into view and waits until it stops moving: chapters out of view are
 * laid out only as they come near (content-visibility), which can shift what is on screen.
 */
export async function inView(locator: import("playwright-core").Locator): Promise<void> {
  let last = "";
  for (let i = 0; i < 20; ++i) {
    // Scroll again each time: laying out the chapters now in view can push it back out.
    await locator.scrollIntoViewIfNeeded();
    await locator.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = JSON.stringify(await locator.boundingBox());
    if (box === last) return;
    last = box;
  }
}

/** One Chromium and one opened page of the playground for a whole test file, closed after it. */
export function openForFile(): Opened & {browser: Browser} {
  const session = {} as Opened & {browser: Browser};
  beforeAll(async () => {
    session.browser = await launch();
    Object.assign(session, await open(session.browser));
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}

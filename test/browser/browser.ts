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
export async function open(browser: Browser, path = "", options: {width?: number; height?: number} = {}): Promise<Opened> {
  const page = await browser.newPage({viewport: {width: options.width ?? 1280, height: options.height ?? 900}});
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
  return page.evaluate(() => window.playground.idle());
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

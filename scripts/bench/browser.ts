import type {Browser, BrowserContext, Page} from "playwright-core";
import {launch} from "../../test/browser/chromium.js";
import {installClock} from "./clock.js";

// The tests and the bench drive the same Chromium the same way.
export {launch};

/** The viewport every phase uses: a laptop screen. */
export const viewport = {width: 1280, height: 900};

/**
 * A fresh context (its own storage, so no saved edits leak between phases) and a page in it,
 * with the frame clock running from navigation on.
 * tsx compiles the functions we hand to page.evaluate with esbuild's keepNames, which wraps
 * them in calls to a `__name` helper; the page gets a stand-in for it.
 */
export async function freshPage(browser: Browser): Promise<{context: BrowserContext; page: Page; errors: string[]}> {
  const context = await browser.newContext({viewport});
  await context.addInitScript({content: "globalThis.__name = (target) => target;"});
  await context.addInitScript(installClock);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return {context, page, errors};
}

/**
 * Opens the playground and waits until every cell has settled (idle() builds every chapter) and
 * every code listing on screen has become a live editor (the page does that in the background
 * after load, for the chapters near the screen), or until `timeout` ms pass.
 */
export async function openPlayground(page: Page, url: string, timeout = 60_000): Promise<void> {
  await page.goto(url, {timeout});
  await page.waitForFunction(() => "playground" in window, undefined, {timeout});
  await settle(page, timeout);
  await page.waitForFunction(editorsReady, undefined, {timeout, polling: 100}).catch(() => {});
  await settle(page, timeout);
}

/** Whether every code listing on screen is a live CodeMirror editor (those far away sleep as static code). */
export function editorsReady(): boolean {
  const onScreen = [...document.querySelectorAll("[data-chapter]")].filter((s) => {
    const r = s.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  const listings = onScreen.flatMap((s) => [...s.querySelectorAll("[data-editor]")]);
  return listings.length > 0 && listings.every((l) => l.querySelector(".cm-editor"));
}

/** Waits for window.playground.idle(), but never longer than `timeout` ms; says whether it settled. */
export function settle(page: Page, timeout = 30_000): Promise<boolean> {
  return page.evaluate(
    (timeout) => Promise.race([window.playground.idle().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeout))]),
    timeout
  );
}

declare global {
  interface Window {
    playground: import("../../src/playground.js").Playground;
  }
}

import type {Page} from "playwright-core";

/**
 * Slows the page's CPU by `rate` (1 = off) through the DevTools protocol, as DevTools' own
 * "CPU throttling" does: 4× is about a low-end Chromebook or school laptop.
 */
export async function throttle(page: Page, rate: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send("Emulation.setCPUThrottlingRate", {rate});
}

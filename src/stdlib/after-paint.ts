/**
 * Resolves once the browser has painted the next frame. The runtime computes cells in an
 * animation frame, so what a cell asks for after this loads only once the charts that frame
 * drew are on screen, never ahead of them.
 */
export function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

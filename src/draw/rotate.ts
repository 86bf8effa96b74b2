/** Where a 3D view's camera stands, in degrees; the value of a rotatable chart. */
export interface Angles {
  /** Turn around the vertical axis, wrapped to (−180, 180]. */
  azimuth: number;
  /** Height above the floor's plane, clamped to [0, 90]; 90 looks straight down. */
  elevation: number;
}

/** How a drag or a key press turns the camera. */
export interface RotateOptions {
  /** Degrees turned per pixel dragged. */
  degreesPerPixel?: number;
  /** Degrees turned per arrow key press (three times as much with Shift). */
  degreesPerKey?: number;
}

/** Keeps angles in range: azimuth wraps around, elevation stops at the floor and the zenith. */
export function normalizeAngles({azimuth, elevation}: Angles): Angles {
  if (!Number.isFinite(azimuth)) throw new Error(`invalid azimuth; not a finite number: ${azimuth}`);
  if (!Number.isFinite(elevation)) throw new Error(`invalid elevation; not a finite number: ${elevation}`);
  let a = azimuth % 360;
  if (a > 180) a -= 360;
  else if (a <= -180) a += 360;
  return {azimuth: a, elevation: Math.max(0, Math.min(90, elevation))};
}

/**
 * Lets the reader turn a 3D view: dragging with the pointer (captured, so the drag survives
 * leaving the chart), turning with two fingers (one finger scrolls the page), or arrow keys
 * while `target` has focus. Arrows move as a drag would:
 * right turns the front to the right, down tips the top towards the reader.
 * Shows a grab cursor on `target`.
 */
export function rotatable(
  target: HTMLElement,
  surface: Element,
  turn: (delta: {azimuth: number; elevation: number}) => void,
  {degreesPerPixel = 0.5, degreesPerKey = 5}: RotateOptions = {}
): void {
  let dragging: {id: number; x: number; y: number} | null = null;
  target.style.cursor = "grab";
  surface.addEventListener("pointerdown", (event) => {
    const {pointerId, button, clientX, clientY, pointerType} = event as PointerEvent;
    // One finger scrolls the page past the chart; two turn it (below).
    if (button !== 0 || dragging || pointerType === "touch") return;
    dragging = {id: pointerId, x: clientX, y: clientY};
    // jsdom and older engines lack pointer capture; the drag still works while over the chart.
    surface.setPointerCapture?.(pointerId);
    target.style.cursor = "grabbing";
    event.preventDefault();
    target.focus({preventScroll: true});
  });
  surface.addEventListener("pointermove", (event) => {
    const {pointerId, clientX, clientY} = event as PointerEvent;
    if (dragging?.id !== pointerId) return;
    const dx = clientX - dragging.x;
    const dy = clientY - dragging.y;
    dragging.x = clientX;
    dragging.y = clientY;
    if (dx || dy) turn({azimuth: dx * degreesPerPixel, elevation: dy * degreesPerPixel});
  });
  const end = (event: Event) => {
    if (dragging?.id !== (event as PointerEvent).pointerId) return;
    dragging = null;
    target.style.cursor = "grab";
  };
  surface.addEventListener("pointerup", end);
  surface.addEventListener("pointercancel", end);
  let pinch: {x: number; y: number} | null = null;
  const centre = (touches: TouchList) => ({x: (touches[0].clientX + touches[1].clientX) / 2, y: (touches[0].clientY + touches[1].clientY) / 2});
  const twoFingers = (event: Event) => {
    const {touches} = event as TouchEvent;
    if (touches.length !== 2) return void (pinch = null);
    event.preventDefault();
    const at = centre(touches);
    if (pinch) turn({azimuth: (at.x - pinch.x) * degreesPerPixel, elevation: (at.y - pinch.y) * degreesPerPixel});
    pinch = at;
  };
  surface.addEventListener("touchstart", twoFingers, {passive: false});
  surface.addEventListener("touchmove", twoFingers, {passive: false});
  surface.addEventListener("touchend", () => (pinch = null));
  target.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 3 * degreesPerKey : degreesPerKey;
    const delta = KEYS[event.key];
    if (!delta) return;
    event.preventDefault(); // the arrows would otherwise scroll the page
    turn({azimuth: delta[0] * step, elevation: delta[1] * step});
  });
}

const KEYS: Record<string, [number, number] | undefined> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1]
};

/** A point in the chart's 3D space: [x, y, z], with z pointing up. */
export type Point3 = [number, number, number];

/**
 * A 3×3 rotation, row-major. Its rows are the screen's right, the screen's up, and the
 * direction towards the viewer, each written in world coordinates.
 */
export type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** Where the camera looks from, and how world units land on the screen. */
export interface View {
  /** World → camera rotation, from {@link rotation}. */
  rotation: Matrix3;
  /** Screen pixels per world unit. */
  scale: number;
  /** Screen position, in pixels, of the world's origin. */
  origin: [number, number];
}

const radians = Math.PI / 180;

/**
 * The rotation for a camera circling the z axis. Angles are in degrees: `azimuth` turns the
 * camera around the vertical axis (0 looks along +y, so x runs to the right), `elevation`
 * raises it above the xy-plane (90 looks straight down, x right and y up).
 */
export function rotation(azimuth: number, elevation: number): Matrix3 {
  const sa = Math.sin(azimuth * radians);
  const ca = Math.cos(azimuth * radians);
  const se = Math.sin(elevation * radians);
  const ce = Math.cos(elevation * radians);
  // right = (ca, -sa, 0); toward = (-sa·ce, -ca·ce, se); up = toward × right.
  return [ca, -sa, 0, sa * se, ca * se, ce, -sa * ce, -ca * ce, se];
}

/**
 * Orthographic projection of a world point to [screen x, screen y, depth]: screen y grows
 * downwards as in SVG, and depth grows towards the viewer, so painting in ascending depth
 * draws far things first.
 */
export function project([x, y, z]: Point3, {rotation: m, scale, origin}: View): Point3 {
  const right = m[0] * x + m[1] * y + m[2] * z;
  const up = m[3] * x + m[4] * y + m[5] * z;
  const depth = m[6] * x + m[7] * y + m[8] * z;
  return [origin[0] + scale * right, origin[1] - scale * up, depth];
}

/** a − b. */
export function sub(a: Point3, b: Point3): Point3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** a × b, perpendicular to both (right-handed). */
export function cross(a: Point3, b: Point3): Point3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** a · b. */
export function dot(a: Point3, b: Point3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** v scaled to unit length (the zero vector stays zero). */
export function normalize(v: Point3): Point3 {
  const length = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / length, v[1] / length, v[2] / length];
}

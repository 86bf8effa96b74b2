import {describe, expect, it} from "vitest";
import {project, rotation, type Matrix3, type Point3, type View} from "../../src/draw/project.js";

/** Row-major 3×3 product, written out independently of the code under test. */
function multiply(a: number[], b: number[]): number[] {
  return Array.from({length: 9}, (_, k) => {
    const [i, j] = [Math.floor(k / 3), k % 3];
    return a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  });
}

function transpose(m: number[]): number[] {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

function det(m: number[]): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

const deg = Math.PI / 180;
const rz = (a: number) => [Math.cos(a * deg), -Math.sin(a * deg), 0, Math.sin(a * deg), Math.cos(a * deg), 0, 0, 0, 1];
const rx = (a: number) => [1, 0, 0, 0, Math.cos(a * deg), -Math.sin(a * deg), 0, Math.sin(a * deg), Math.cos(a * deg)];

const angles: [number, number][] = [[0, 0], [-35, 30], [60, 55], [180, 90], [-120, 10], [33.3, 72.1]];

describe("rotation", () => {
  it("is orthonormal with determinant 1 (a rotation, not a reflection)", () => {
    for (const [a, e] of angles) {
      const m = rotation(a, e);
      multiply(m, transpose(m)).forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 12));
      expect(det(m)).toBeCloseTo(1, 12);
    }
  });

  it("equals turning the world by the azimuth about z, then tilting it about x", () => {
    for (const [a, e] of angles) {
      const expected = multiply(rx(e - 90), rz(a));
      rotation(a, e).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12));
    }
  });
});

describe("project", () => {
  const view = (rotation: Matrix3): View => ({rotation, scale: 100, origin: [300, 200]});
  const at = (p: Point3, a: number, e: number) => project(p, view(rotation(a, e)));

  it("looking along +y from the side: x goes right, z goes up the screen, −y comes closer", () => {
    expect(at([1, 0, 0], 0, 0)).toEqual([400, 200, 0]);
    expect(at([0, 0, 1], 0, 0).slice(0, 2)).toEqual([300, 100]);
    expect(at([0, -1, 0], 0, 0)[2]).toBeCloseTo(1, 12);
  });

  it("looking straight down: x goes right and y goes up the screen", () => {
    const [x1, y1] = at([1, 0, 0], 0, 90);
    const [x2, y2] = at([0, 1, 0], 0, 90);
    expect([x1, y1].map((v) => +v.toFixed(9))).toEqual([400, 200]);
    expect([x2, y2].map((v) => +v.toFixed(9))).toEqual([300, 100]);
    expect(at([0, 0, 1], 0, 90)[2]).toBeCloseTo(1, 12);
  });

  it("keeps distances (orthographic, no perspective)", () => {
    const p: Point3 = [0.3, -0.7, 0.4];
    const q: Point3 = [-0.9, 0.2, -0.5];
    for (const [a, e] of angles) {
      const [px, py, pd] = at(p, a, e);
      const [qx, qy, qd] = at(q, a, e);
      const screen = Math.hypot((px - qx) / 100, (py - qy) / 100, pd - qd);
      expect(screen).toBeCloseTo(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]), 12);
    }
  });
});

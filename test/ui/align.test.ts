import {describe, expect, it} from "vitest";
import {alignOrigins} from "../../src/ui/align.js";
import type {Block} from "../../src/engine/chapter-file.js";

const cell = (source: string, origin?: number): Block => ({kind: "cell", source, options: [], ...(origin === undefined ? {} : {origin})});
const nameOf = (source: string) => /^(\w+) =/.exec(source)?.[1] ?? null;

describe("saved changes from an older lesson", () => {
  it("point each block at the shipped block that defines the same name, or at none", () => {
    const shipped = [cell("w = 1", 0), cell("y = (x) => w * x", 1), cell("chart = y(1)", 2)];
    // Saved against a lesson where y was block 2 and a cell z, since removed, was block 1.
    const saved = [cell("w = 2", 0), cell("z = 3", 1), cell("y = (x) => 2 * w * x", 2), cell("extra = 1")];
    expect(alignOrigins(saved, shipped, nameOf).map((b) => b.origin)).toEqual([0, undefined, 1, undefined]);
  });

  it("keeps origins that still hold", () => {
    const shipped = [cell("w = 1", 0), cell("y = 2", 1)];
    expect(alignOrigins([cell("w = 5", 0), cell("y = 3", 1)], shipped, nameOf).map((b) => b.origin)).toEqual([0, 1]);
  });
});

import {describe, expect, it} from "vitest";
import {dependencies, layers} from "../../src/ui/dependencies.js";
import {dataflow} from "../../src/ui/dataflow.js";
import {chapter, headless} from "../engine/valueof.js";

describe("dependencies", () => {
  const lesson = headless({a: chapter("viewof w = ({value: 1})", "b = 2", "y = (x) => w * x + b", "loss = y(3)", "x = loss + 1")});
  const cells = lesson.cells("a");
  const id = (label: string) => cells.find((c) => c.label === label)!.id;

  it("finds what each cell reads and what reads it", () => {
    const deps = dependencies(cells);
    expect(deps.reads.get(id("y"))!.sort()).toEqual([id("viewof w"), id("b")].sort());
    expect(deps.readBy.get(id("y"))).toEqual([id("loss")]);
    expect(deps.reads.get(id("b"))).toEqual([]);
  });

  it("lays cells out one column right of what they read", () => {
    const layer = layers(cells, dependencies(cells));
    expect([layer.get(id("b")), layer.get(id("y")), layer.get(id("loss")), layer.get(id("x"))]).toEqual([0, 1, 2, 3]);
  });

  it("draws a node per cell and an edge per dependency", () => {
    const svg = dataflow(cells);
    expect(svg.querySelectorAll(".node")).toHaveLength(5);
    expect(svg.querySelectorAll(".edge")).toHaveLength(4);
  });
});

import type {LessonCell} from "../engine/lesson.js";

/** Who reads whom among a chapter's cells, by cell id. */
export interface Dependencies {
  /** The cells each cell reads directly. */
  reads: Map<number, number[]>;
  /** The cells that read each cell directly. */
  readBy: Map<number, number[]>;
}

/** Works out a chapter's dataflow from what each cell defines and references. */
export function dependencies(cells: readonly LessonCell[]): Dependencies {
  const definer = new Map<string, number>();
  for (const c of cells) for (const name of c.compiled?.defines ?? []) definer.set(name, c.id);
  const reads = new Map<number, number[]>(cells.map((c) => [c.id, []]));
  const readBy = new Map<number, number[]>(cells.map((c) => [c.id, []]));
  for (const c of cells) {
    const from = new Set<number>();
    for (const name of c.compiled?.references ?? []) {
      const id = definer.get(name);
      if (id !== undefined && id !== c.id) from.add(id);
    }
    for (const id of from) {
      reads.get(c.id)!.push(id);
      readBy.get(id)!.push(c.id);
    }
  }
  return {reads, readBy};
}

/** Columns for a left-to-right dataflow drawing: each cell one column right of what it reads. */
export function layers(cells: readonly LessonCell[], deps: Dependencies): Map<number, number> {
  const layer = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (id: number): number => {
    if (layer.has(id)) return layer.get(id)!;
    if (visiting.has(id)) return 0; // a cycle: the runtime reports it; draw it flat
    visiting.add(id);
    const d = Math.max(-1, ...deps.reads.get(id)!.map(depth)) + 1;
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  for (const c of cells) depth(c.id);
  return layer;
}

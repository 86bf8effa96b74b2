import type {Block} from "../engine/chapter-file.js";

/**
 * Saved changes made against an older lesson point at shipped blocks by index, and the
 * lesson may have moved since. Each saved block keeps its origin only if the shipped block
 * there is still the same kind and (for a cell) defines the same name; otherwise it is pointed
 * at the shipped block that does, or made the reader's own. So resetting one cell never
 * brings back a cell another one already defines ("y is defined more than once").
 */
export function alignOrigins(saved: readonly Block[], shipped: readonly Block[], nameOf: (source: string) => string | null): Block[] {
  const used = new Set<number>();
  const key = (b: Block) => (b.kind === "cell" ? `cell:${nameOf(b.source) ?? `#${b.source}`}` : "prose");
  const matches = (b: Block, i: number) => {
    const s = shipped[i];
    if (!s || s.kind !== b.kind || used.has(i)) return false;
    return b.kind === "prose" || b.source === s.source || key(b) === key(s);
  };
  return saved.map((b) => {
    const {origin, ...rest} = b;
    let at = origin !== undefined && Number.isInteger(origin) && matches(b, origin) ? origin : -1;
    if (at < 0 && b.kind === "cell" && nameOf(b.source)) at = shipped.findIndex((_, i) => shipped[i].kind === "cell" && !used.has(i) && key(shipped[i]) === key(b));
    if (at < 0) return rest as Block;
    used.add(at);
    return {...rest, origin: at} as Block;
  });
}

import type {Variable} from "@observablehq/runtime";

/** How long cells may stay pending with nothing at all happening before idle() stops waiting for them. */
export const STALL_MS = 3000;

/** What settled() resolves to when it stopped waiting: the cells still pending, as "chapter/name". */
export interface Stalled {
  pending: string[];
}

/** Which of these variables' values have not arrived: asked of their promises, a tick later. */
async function unresolved(variables: Iterable<Variable>): Promise<Set<Variable>> {
  const open = new Set<Variable>();
  for (const v of variables) {
    open.add(v);
    const settle = () => void open.delete(v);
    void Promise.resolve(v._promise).then(settle, settle);
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  return open;
}

/**
 * Why a pending variable has not got its value, in the reader's words: the inputs it waits on
 * that have no value of their own yet, or, when all its inputs have one, that it waits itself.
 */
export async function pendingReasons(variables: readonly Variable[], name: (v: Variable) => string, stuck?: WeakSet<Variable>): Promise<Map<Variable, string>> {
  // Everything upstream of the pending ones, to tell the roots (pending with every input there).
  const upstream = new Set<Variable>();
  const visit = (v: Variable) => {
    if (upstream.has(v)) return;
    upstream.add(v);
    for (const input of v._inputs ?? []) visit(input);
  };
  for (const v of variables) visit(v);
  const open = await unresolved(upstream);
  for (const v of open) stuck?.add(v);
  const roots = (v: Variable, seen = new Set<Variable>()): Variable[] => {
    if (seen.has(v)) return [];
    seen.add(v);
    const waiting = (v._inputs ?? []).filter((i) => open.has(i));
    return waiting.length ? waiting.flatMap((i) => roots(i, seen)) : [v];
  };
  const reasons = new Map<Variable, string>();
  for (const v of variables) {
    if (!open.has(v)) continue;
    const from = [...new Set(roots(v))].filter((r) => r !== v);
    if (!from.length) {
      reasons.set(v, `still waiting for its own value after ${STALL_MS / 1000} s (a promise that has not resolved, or a loop that waits for its chapter to be on screen)`);
    } else {
      const names = from.slice(0, 3).map(name);
      reasons.set(v, `waiting for ${names.join(" and ")}, which ${names.length === 1 ? "has" : "have"} no value yet`);
    }
  }
  return reasons;
}

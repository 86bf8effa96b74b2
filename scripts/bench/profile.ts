import type {Browser, Page} from "playwright-core";

/** Self time of one function (or one file) over a profile. */
export interface Hotspot {
  /** "name url:line", or a file's path. */
  where: string;
  self_ms: number;
  share: number;
}

/** The parts of a V8 CPU profile used here (the DevTools protocol's Profiler.Profile). */
interface CpuProfile {
  nodes: {id: number; callFrame: {functionName: string; url: string; lineNumber: number}; children?: number[]}[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Runs `work` (a scrub, or training) under V8's sampling profiler (through the DevTools protocol)
 * and sums the self time by function and by file, to see where it spends its time.
 */
export async function profileWhile<T>(page: Page, work: () => Promise<T>): Promise<{outcome: T; functions: Hotspot[]; files: Hotspot[]; inclusive: Hotspot[]}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", {interval: 250});
  await cdp.send("Profiler.start");
  const outcome = await work();
  const {profile} = (await cdp.send("Profiler.stop")) as {profile: CpuProfile};
  await cdp.detach();
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const fileOf = (frame: CpuProfile["nodes"][number]["callFrame"]) =>
    frame.url ? new URL(frame.url, "http://x/").pathname : frame.functionName.startsWith("(") ? frame.functionName : "(native, or cell code)";
  const nameOf = (frame: CpuProfile["nodes"][number]["callFrame"]) => `${frame.functionName || "(anonymous)"} ${fileOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  // Time with the function on the stack (each function counted once per sample, however deep it recurses).
  const inclusive = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    const frame = byNode.get(id);
    if (!frame || frame.functionName === "(idle)") return;
    total += ms;
    const file = fileOf(frame);
    functions.set(nameOf(frame), (functions.get(nameOf(frame)) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const name = nameOf(byNode.get(node)!);
      if (!seen.has(name) && !name.startsWith("(root)")) seen.add(name), inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, n: number): Hotspot[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([where, self_ms]) => ({where, self_ms, share: self_ms / total}));
  return {outcome, functions: top(functions, 25), files: top(files, 12), inclusive: top(inclusive, Number(process.env.PROFILE_TOP ?? 40))};
}

/** The parts of a Chrome trace event used here. */
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: {name?: string};
}

/** Main-thread work, by kind, while `work` runs: how much is script, style, layout, paint. */
export async function traceWhile<T>(browser: Browser, page: Page, work: () => Promise<T>): Promise<{outcome: T; kinds: Hotspot[]}> {
  await browser.startTracing(page, {categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"]});
  const outcome = await work();
  const raw = (await browser.stopTracing()).toString("utf8");
  if (process.env.TRACE_OUT) (await import("node:fs")).writeFileSync(process.env.TRACE_OUT, raw);
  const events = (JSON.parse(raw) as {traceEvents: TraceEvent[]}).traceEvents;
  // The renderer's main thread is the one named CrRendererMain.
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const kinds: Record<string, string> = {
    FunctionCall: "script",
    EvaluateScript: "script",
    "v8.callFunction": "script",
    TimerFire: "script",
    FireAnimationFrame: "script",
    EventDispatch: "script",
    RunMicrotasks: "script",
    UpdateLayoutTree: "style",
    Layout: "layout",
    PrePaint: "paint",
    Paint: "paint",
    PaintImage: "paint",
    Layerize: "paint",
    UpdateLayer: "paint",
    Commit: "paint",
    MinorGC: "gc",
    MajorGC: "gc",
    "V8.GC_SCAVENGER": "gc",
    "V8.GC_MARK_COMPACTOR": "gc"
  };
  const byKind = new Map<string, number>();
  const add = (kind: string, ms: number) => byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
  const onMain = (e: TraceEvent) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined;
  // All the main thread's tasks: what the kinds below do not cover is "other".
  let busy = 0;
  for (const e of events) if (onMain(e) && e.name === "RunTask") busy += e.dur! / 1000;
  // Events on one thread nest: a nested event of another kind (a layout forced by a script) is
  // charged to its own kind and taken off its parent's; one of the same kind is already counted.
  let total = 0;
  const stack: {end: number; kind: string}[] = [];
  const mine = events
    .filter((e) => onMain(e) && kinds[e.name])
    .map((e) => e as TraceEvent & {ts: number})
    .sort((a, b) => a.ts - b.ts);
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const kind = kinds[e.name];
    const ms = e.dur! / 1000;
    const parent = stack[stack.length - 1];
    if (!parent) add(kind, ms), (total += ms);
    else if (parent.kind !== kind) add(kind, ms), add(parent.kind, -ms);
    stack.push({end: e.ts + e.dur!, kind});
  }
  if (busy > total) add("other", busy - total), (total = busy);
  return {
    outcome,
    kinds: [...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([where, self_ms]) => ({where, self_ms, share: self_ms / total}))
  };
}

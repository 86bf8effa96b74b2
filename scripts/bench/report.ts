// Targets, statistics and the printed table. Pure: numbers in, text out.

/** The nearest-rank percentile (q in [0, 1]) of some numbers; NaN for none. */
export function percentile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The targets the issue sets, in one place. */
export const targets = {
  /** A chart's p95 scrub latency at the lesson's data: within 1.25 × two frame intervals. */
  scrubFrames: 2 * 1.25,
  /** … and at 100,000 points: within three frame intervals. */
  scaleFrames: 3,
  /** No frame longer than this while scrubbing or training, ms. */
  longFrameMs: 50,
  /** Training at least this many times the Python loop's iterations per second. */
  trainingRatio: 20,
  /** First contentful paint, ms. */
  fcpMs: 500,
  /** The first chapter's first chart painted, ms from navigation. */
  firstChartMs: 500,
  /** JS and CSS before the first chart, gzip bytes (200 kB). */
  initialGzipBytes: 200_000,
  /** Training with recording on: at least this share of its throughput with recording off. */
  recordingRatio: 0.9,
  /** Timeline scrub and path preview: within this many frame intervals. */
  timelineFrames: 2.5,
  /** The exported standalone page, bytes (2 MB). */
  standaloneBytes: 2_000_000,
  /** With the CPU slowed 4× (a school laptop): */
  throttled: {
    /** every chapter's scrub p95 at the lesson's data within three frame intervals, */
    scrubFrames: 3,
    /** no frame longer than this while scrubbing or training, ms, */
    longFrameMs: 100,
    /** the first chart painted, ms, */
    firstChartMs: 1500,
    /** and every cell of the first screen settled, ms. */
    firstScreenMs: 2000
  }
};

/** A table cell for a number: fixed decimals, thousands separated, "—" for none. */
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return x.toLocaleString("en-US", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/** Bytes as kB (1000 bytes), one decimal. */
export const kB = (bytes: number) => `${num(bytes / 1000)} kB`;

/** "pass", "FAIL …", or "—" when there is nothing to judge. */
export function verdict(checks: [boolean | null, string][]): string {
  const judged = checks.filter(([ok]) => ok !== null);
  if (!judged.length) return "—";
  const failed = judged.filter(([ok]) => !ok).map(([, what]) => what);
  return failed.length ? `FAIL ${failed.join("+")}` : "pass";
}

/** Columns padded to their widest cell; numbers (and dashes) right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const right = (s: string) => /^[-\d.,—≤≥ ]+( kB| ms)?$/.test(s);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

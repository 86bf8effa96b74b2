/** Mutations of cell and prose sources, shared by the fuzz tests (test/engine/fuzz.test.ts, test/browser/fuzz.test.ts). */

/** A small seeded generator (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tokens = ["{", "}", "(", ")", "[", "]", "viewof ", "mutable ", "yield ", "await ", "import ", "`", "${", '"', "'", "/*", "//", "=>", "=", ";", "\n", "function ", "return ", "class ", "...", ",", "@", "#", "while (true) ", "for (;;)", "async ", "*", "\\", "\u2028", "</script>", "x"];

export function mutate(source: string, rand: () => number): string {
  let s = source;
  const edits = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < edits; ++k) {
    const i = Math.floor(rand() * (s.length + 1));
    switch (Math.floor(rand() * 4)) {
      case 0: s = s.slice(0, i) + s.slice(i + 1); break; // drop
      case 1: s = s.slice(0, i) + s.charAt(i) + s.slice(i); break; // duplicate
      case 2: s = s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2); break; // swap
      default: s = s.slice(0, i) + tokens[Math.floor(rand() * tokens.length)] + s.slice(i); // splice a token
    }
  }
  return s;
}


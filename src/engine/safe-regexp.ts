import {RE2JS} from "re2js";

/**
 * No guard can reach inside the browser's regular expression engine, whose backtracking takes
 * exponential time on patterns such as /^(a+)+$/. So the regular expressions cells make match
 * with RE2 (re2js), which takes linear time in the input. A SafeRegExp is a real RegExp (its
 * source, flags and errors are the browser's) whose `exec` is RE2's; `test`, `match`,
 * `matchAll`, `replace`, `search` and `split` all go through `exec`. Patterns RE2 cannot run
 * (backreferences, lookahead) and the `d` flag fall back to the browser's engine.
 */
const compiled = new Map<string, RE2JS | null>();

function re2(source: string, flags: string): RE2JS | null {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = null;
    if (!flags.includes("d")) {
      try {
        const f = (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes("m") ? RE2JS.MULTILINE : 0) | (flags.includes("s") ? RE2JS.DOTALL : 0);
        re = RE2JS.compile(RE2JS.translateRegExp(source), f | RE2JS.LOOKBEHINDS);
      } catch {
        re = null;
      }
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export class SafeRegExp extends RegExp {
  readonly #re: RE2JS | null;
  /** The last search: from where, in what, and where the next match starts (-1: none), so that sticky scans (split) stay linear. */
  #last: {input: string; from: number; at: number} | null = null;

  constructor(pattern?: string | RegExp, flags?: string) {
    super(pattern as string, flags);
    this.#re = re2(this.source, this.flags);
  }

  override exec(input: string): RegExpExecArray | null {
    const re = this.#re;
    if (!re) return super.exec(input);
    const s = String(input);
    const advancing = this.global || this.sticky;
    const from = advancing ? Math.max(0, Math.min(Number(this.lastIndex) || 0, Number.MAX_SAFE_INTEGER)) : 0;
    const fail = () => {
      if (advancing) this.lastIndex = 0;
      return null;
    };
    if (from > s.length) return fail();
    const last = this.#last;
    // A search from `last.from` found the first match at `last.at`: none starts in between.
    if (this.sticky && last && last.input === s && last.from <= from && (last.at < 0 || from < last.at)) return fail();
    const m = re.matcher(s);
    const found = m.find(from);
    this.#last = {input: s, from, at: found ? m.start() : -1};
    if (!found || (this.sticky && m.start() !== from)) return fail();
    const result = [] as unknown as RegExpExecArray;
    for (let i = 0; i <= m.groupCount(); ++i) result.push(m.group(i) ?? (undefined as unknown as string));
    result.index = m.start();
    result.input = s;
    const names = Object.keys(re.namedGroups());
    let groups: Record<string, string> | undefined;
    if (names.length) {
      groups = Object.create(null) as Record<string, string>;
      for (const name of names) groups[name] = m.group(name) ?? (undefined as unknown as string);
    }
    result.groups = groups;
    if (advancing) this.lastIndex = m.end();
    return result;
  }
}

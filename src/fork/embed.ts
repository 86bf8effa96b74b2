/**
 * JSON that is safe inside a <script> element: no `<`, `>` or `&` (so no `</script>`, `<!--`
 * or `]]>`), and no U+2028/U+2029, all written as \u escapes that JSON.parse turns back into
 * the same characters, byte for byte.
 */
export function scriptJSON(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * JavaScript made safe to inline in a <script> element. In a bundle, `</script` and `<!--`
 * occur only inside strings, regular expressions or templates, where `<\/` and `<\!` mean
 * the same characters.
 */
export function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** CSS made safe to inline in a <style> element. */
export function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, "<\\/$1");
}

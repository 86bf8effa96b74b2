// Observable's standard library ships no types; this covers what the differential test uses.
declare module "@observablehq/stdlib" {
  /** The builtins of an Observable notebook, by name. */
  export const Library: new () => Record<string, unknown>;
  /** FileAttachment over a resolver from a file's name to its URL and MIME type. */
  export function FileAttachments(resolve: (name: string) => {url: string; mimeType: string} | null): unknown;
}

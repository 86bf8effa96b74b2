// htl 0.3, the version Inputs uses (one copy in the bundle), ships no types.
declare module "htl" {
  type Template<T> = ((strings: TemplateStringsArray, ...values: unknown[]) => T) & {fragment: (strings: TemplateStringsArray, ...values: unknown[]) => DocumentFragment};
  export const html: Template<Node | null>;
  export const svg: Template<Node | null>;
}

import {build, preview, type PreviewServer} from "vite";
import type {TestProject} from "vitest/node";

// Build the site once and serve dist/ for every browser test, as a reader would get it.
let server: PreviewServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({logLevel: "warn"});
  server = await preview({logLevel: "warn", preview: {port: 0, strictPort: false}});
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the preview server has no local address");
  project.provide("baseURL", url);
  return async () => {
    await server?.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

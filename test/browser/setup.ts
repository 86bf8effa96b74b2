import {build, preview, type PreviewServer} from "vite";
import type {TestProject} from "vitest/node";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

// Build the site once and serve dist/ for every browser test, as a reader would get it.
let server: PreviewServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A private output folder, so test runs never race each other (or a developer's dist/).
  const outDir = mkdtempSync(join(tmpdir(), "playground-dist-"));
  await build({logLevel: "warn", build: {outDir, emptyOutDir: true}});
  server = await preview({logLevel: "warn", build: {outDir}, preview: {port: 0, strictPort: false}});
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the preview server has no local address");
  project.provide("baseURL", url);
  return async () => {
    await server?.close();
    rmSync(outDir, {recursive: true, force: true});
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

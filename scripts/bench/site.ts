import {build, preview, type PreviewServer} from "vite";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

/** The built site, served for the bench. */
export interface Site {
  /** Where the preview server serves it, ending in "/". */
  url: string;
  /** Stops the server and removes the build. */
  close(): Promise<void>;
}

/**
 * Builds the site into a private folder and serves it on a free port, as test/browser/setup.ts
 * does, so a bench run never races a test run or a developer's dist/.
 */
export async function serveSite(options: {minify?: boolean} = {}): Promise<Site> {
  const outDir = mkdtempSync(join(tmpdir(), "playground-bench-"));
  const remove = () => rmSync(outDir, {recursive: true, force: true});
  let server: PreviewServer;
  try {
    await build({logLevel: "warn", build: {outDir, emptyOutDir: true, ...(options.minify === false ? {minify: false} : {})}});
    server = await preview({logLevel: "warn", build: {outDir}, preview: {port: 0, strictPort: false}});
  } catch (error) {
    remove();
    throw error;
  }
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    remove();
    throw new Error("the preview server has no local address");
  }
  return {
    url,
    async close() {
      await server.close();
      remove();
    }
  };
}

import {build, defineConfig, type InlineConfig, type Plugin} from "vite";
import {fileURLToPath} from "node:url";
import {join} from "node:path";
import {chapterFiles, readLessonFolder} from "./src/engine/lesson-folder.js";
import {prebuild} from "./src/engine/prebuild.js";

const inspectorCSS = fileURLToPath(new URL("node_modules/@observablehq/inspector/dist/inspector.css", import.meta.url));
// The whole of d3 as one prebuilt file, so the `d3` builtin can load it later as a chunk of
// its own, apart from the parts of d3 that Plot bundles.
const d3Bundle = fileURLToPath(new URL("node_modules/d3/dist/d3.min.mjs", import.meta.url));

/** Paths the packages' export maps hide, shared with the tests' config. */
export const alias = {
  // The inspector's package exports hide its stylesheet; point at the file itself.
  "@observablehq/inspector/inspector.css": inspectorCSS,
  "d3/bundle": d3Bundle
};

/**
 * The standalone build: the whole app as one ES module (nothing loaded later, since a page
 * opened from file:// can load nothing) and one stylesheet. Export and `npm run fork` embed
 * these two files in a single HTML page.
 */
export const standalone: InlineConfig = {
  configFile: false,
  logLevel: "warn",
  resolve: {alias},
  build: {
    target: "es2022",
    outDir: "dist/standalone",
    emptyOutDir: true,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: fileURLToPath(new URL("src/standalone.ts", import.meta.url)),
      output: {format: "es", entryFileNames: "app.js", assetFileNames: "app[extname]", codeSplitting: false}
    }
  }
};

/** Builds the standalone files in memory. */
export async function buildStandalone(): Promise<{js: string; css: string}> {
  const result = await build({...standalone, build: {...standalone.build, write: false}});
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
  const text = (name: string) => {
    const file = outputs.find((o) => o.fileName === name);
    if (!file) throw new Error(`the standalone build made no ${name}`);
    return file.type === "chunk" ? file.code : String(file.source);
  };
  return {js: text("app.js"), css: text("app.css")};
}

/** In development, serve the standalone files (built on request) where export looks for them. */
function standaloneInDev(): Plugin {
  return {
    name: "standalone-in-dev",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const m = /\/standalone\/(app\.js|app\.css)$/.exec(req.url ?? "");
        if (!m) return next();
        try {
          const pieces = await buildStandalone();
          res.setHeader("Content-Type", m[1].endsWith(".js") ? "text/javascript" : "text/css");
          res.end(m[1].endsWith(".js") ? pieces.js : pieces.css);
        } catch (error) {
          next(error);
        }
      });
    }
  };
}

/** After the site's build, build the standalone files beside it, in dist/standalone/. */
function standaloneOnBuild(): Plugin {
  let outDir = "dist";
  return {
    name: "standalone-on-build",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await build({...standalone, build: {...standalone.build, outDir: `${outDir}/standalone`}});
    }
  };
}

/** How many chapters come prebuilt in the first bundle: those on the first screen. */
const FIRST_SCREEN_CHAPTERS = 1;

/**
 * `virtual:lesson`: the chapter files in cells/, split, compiled and rendered (prebuild.ts), so
 * the page shows the lesson without loading the parser, markdown-it or temml, with the files of
 * cells/data/ that cells read with FileAttachment. The first bundle holds every chapter's source
 * but only the first screen's chapters compiled and rendered; `virtual:lesson/rest` (a chunk of
 * its own, loaded once the first screen has settled) holds the others'. In development a
 * chapter or data file added, changed or removed rebuilds them and reloads the page.
 */
function prebuiltLesson(folder = fileURLToPath(new URL("cells/", import.meta.url))): Plugin {
  const ids = ["virtual:lesson", "virtual:lesson/rest"], resolved = ids.map((id) => `\0${id}`);
  // Both modules come from one prebuild of the same files.
  let cached: {key: string; lesson: ReturnType<typeof prebuild>} | null = null;
  return {
    name: "prebuilt-lesson",
    resolveId: (source) => (ids.includes(source) ? `\0${source}` : null),
    load(source) {
      if (!resolved.includes(source)) return null;
      for (const f of chapterFiles(folder)) this.addWatchFile(join(folder, f));
      const {chapters: files, files: data, notes} = readLessonFolder(folder);
      for (const note of notes) this.warn(note);
      const key = JSON.stringify([files, data]);
      if (cached?.key !== key) cached = {key, lesson: prebuild(files)};
      const {chapters, tex} = cached.lesson;
      const lesson =
        source === resolved[0]
          ? {
              first: {chapters: chapters.slice(0, FIRST_SCREEN_CHAPTERS), tex, files: data},
              rest: files.slice(FIRST_SCREEN_CHAPTERS),
              // The rest's cell names, so every cell is named (in data-cell, and for scripts) from the start.
              // (by chapter, then block: null for prose, a cell that does not compile, or one with no name)
              names: chapters.slice(FIRST_SCREEN_CHAPTERS).map((c) => c.blocks.map((b) => (b.kind === "cell" ? b.compiled?.name ?? null : null)))
            }
          : {chapters: chapters.slice(FIRST_SCREEN_CHAPTERS), tex: []};
      // JSON.parse reads a large literal faster than JavaScript would.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(lesson))});`;
    },
    configureServer(server) {
      const changed = (file: string) => {
        if (!file.startsWith(folder) || !(/\.q?md$/.test(file) || file.startsWith(join(folder, "data")))) return;
        for (const id of resolved) {
          const module = server.moduleGraph.getModuleById(id);
          if (module) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({type: "full-reload"});
      };
      server.watcher.add(folder);
      server.watcher.on("add", changed).on("change", changed).on("unlink", changed);
    }
  };
}

export default defineConfig({
  resolve: {alias},
  plugins: [prebuiltLesson(), standaloneInDev(), standaloneOnBuild()],
  server: {port: 5173, strictPort: true},
  preview: {port: 4173, strictPort: true},
  build: {target: "es2022", chunkSizeWarningLimit: 1500}
});

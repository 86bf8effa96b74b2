import {defineConfig} from "vite";
import {fileURLToPath} from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      // The inspector's package exports hide its stylesheet; point at the file itself.
      "@observablehq/inspector/inspector.css": fileURLToPath(new URL("node_modules/@observablehq/inspector/dist/inspector.css", import.meta.url))
    }
  },
  server: {port: 5173, strictPort: true},
  preview: {port: 4173, strictPort: true},
  build: {target: "es2022", chunkSizeWarningLimit: 1500}
});

import "@observablehq/inspector/inspector.css";
import "@observablehq/inputs/dist/index.css";
import "./ui/style.css";
import {shippedLesson} from "./lesson-files.js";
import {start} from "./app.js";

// The site: the lesson ships as the chapter files in cells/, prebuilt, and exports fetch the
// standalone build.
void start({
  ...shippedLesson(),
  inputs: {},
  key: "how-machines-learn:main",
  title: "How machines learn",
  lineage: [],
  pieces: async () => {
    const base = new URL("standalone/", document.baseURI);
    const [js, css] = await Promise.all(
      ["app.js", "app.css"].map(async (name) => {
        const response = await fetch(new URL(name, base));
        if (!response.ok) throw new Error(`export needs ${name} from the standalone build (${response.status})`);
        return response.text();
      })
    );
    const {packCode} = await import("./fork/assemble.js");
    return {code: await packCode(js), css};
  }
});

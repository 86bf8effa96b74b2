import "@observablehq/inspector/inspector.css";
import "@observablehq/inputs/dist/index.css";
import "./ui/style.css";
import {shippedChapters} from "./lesson-files.js";
import {Page} from "./ui/page.js";
import {playground} from "./playground.js";
import {renderContents} from "./ui/contents.js";

const root = document.querySelector<HTMLElement>("#lesson")!;
const files = shippedChapters();
const page = new Page(files, root);
renderContents(document.querySelector<HTMLElement>("#contents")!, files);
Object.assign(window, {playground: playground(page)});

const idle = () => new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(resolve, {timeout: 200}) : setTimeout(resolve, 16)));
page.hydrateEditors(idle);

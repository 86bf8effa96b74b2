// Shows every drawing case in the Vite dev server: `npx vite`, then open /test/gallery.html.
import "../src/ui/style.css";
import {cases} from "./draw/cases.js";

const root = document.querySelector<HTMLElement>("#cases")!;
for (const [name, draw] of Object.entries(cases)) {
  const section = document.createElement("section");
  section.id = name;
  section.dataset.case = name;
  const heading = document.createElement("h2");
  heading.innerHTML = `<a href="#${name}">${name}</a>`;
  section.append(heading);
  root.append(section);
  try {
    const element = await draw();
    section.append(element);
    // Inputs (the rotatable surfaces) show their value as the reader changes it.
    if ("value" in element) {
      const value = document.createElement("div");
      value.className = "value";
      const show = () => (value.textContent = JSON.stringify((element as Element & {value: unknown}).value));
      element.addEventListener("input", show);
      show();
      section.append(value);
    }
  } catch (error) {
    const message = document.createElement("pre");
    message.className = "error";
    message.textContent = String(error);
    section.append(message);
  }
}
document.body.dataset.ready = "";

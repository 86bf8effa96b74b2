// The lesson in cells/, prebuilt by the prebuilt-lesson plugin in vite.config.ts.
declare module "virtual:lesson" {
  const lesson: import("../engine/prebuilt.js").PrebuiltLesson;
  export default lesson;
}

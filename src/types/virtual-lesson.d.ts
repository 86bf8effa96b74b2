// The lesson in cells/, prebuilt by the prebuilt-lesson plugin in vite.config.ts: the first
// screen's chapters compiled and rendered, and every other chapter's source…
declare module "virtual:lesson" {
  const lesson: {first: import("../engine/prebuilt.js").PrebuiltLesson; rest: import("../engine/chapter-file.js").ChapterFile[]; names: (string | null)[][]};
  export default lesson;
}

// … which the rest of the lesson, compiled and rendered, follows in a chunk of its own.
declare module "virtual:lesson/rest" {
  const lesson: import("../engine/prebuilt.js").PrebuiltLesson;
  export default lesson;
}

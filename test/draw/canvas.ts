// jsdom has no canvas, which Plot's raster mark and colour legend paint into, and so does our
// heat map and the surface's mesh. This stands in for the calls they make: image data and
// fillRect, whose pixels are encoded as a real PNG, and paths filled and stroked, which are
// kept as shapes, so a snapshot still shows the picture when opened in a browser.
import {color} from "d3";
import {deflateSync} from "node:zlib";

/** The pixels last put on a stub canvas. */
interface Painted {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A path filled or stroked on a stub canvas, in the canvas's user coordinates. */
export interface Shape {
  /** The path, as SVG path data (coordinates to a tenth). */
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
}

/** What was drawn with paths since the canvas was last cleared, and the pixel density set. */
interface Drawn {
  shapes: Shape[];
  /** Canvas pixels per user unit (setTransform's scale). */
  ratio: number;
}

const painted = new WeakMap<HTMLCanvasElement, Painted>();
const drawn = new WeakMap<HTMLCanvasElement, Drawn>();
const contexts = new WeakMap<HTMLCanvasElement, object>();

/** The shapes drawn on a stub canvas since it was last cleared (none if it was never drawn on). */
export function shapesOf(canvas: HTMLCanvasElement): Shape[] {
  return drawn.get(canvas)?.shapes ?? [];
}

/**
 * What a stub canvas shows, as markup a browser can show: an SVG of its shapes if it was drawn
 * with paths, else an image of its pixels; null if nothing was put on it.
 */
export function canvasPicture(canvas: HTMLCanvasElement): Element | null {
  const document = canvas.ownerDocument;
  const paths = drawn.get(canvas);
  if (!paths) {
    if (!painted.has(canvas)) return null;
    const image = document.createElement("img");
    for (const {name, value} of canvas.attributes) image.setAttribute(name, value);
    image.setAttribute("src", canvas.toDataURL());
    return image;
  }
  const SVG = "http://www.w3.org/2000/svg";
  const width = canvas.width / paths.ratio;
  const height = canvas.height / paths.ratio;
  const svg = document.createElementNS(SVG, "svg");
  for (const {name, value} of canvas.attributes) if (name !== "width" && name !== "height") svg.setAttribute(name, value);
  svg.setAttribute("data-canvas", `${canvas.width}×${canvas.height}`);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  for (const {d, fill, stroke, strokeWidth} of paths.shapes) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", fill ?? "none");
    if (stroke) path.setAttribute("stroke", stroke);
    if (strokeWidth !== undefined && stroke) path.setAttribute("stroke-width", String(strokeWidth));
    svg.append(path);
  }
  return svg;
}

/** Replaces HTMLCanvasElement's 2D context and toDataURL in `window` (jsdom's). */
export function installCanvas(window: Window & typeof globalThis): void {
  const proto = window.HTMLCanvasElement.prototype;
  Object.defineProperty(proto, "getContext", {
    configurable: true,
    value(this: HTMLCanvasElement, type: string) {
      if (type !== "2d") return null;
      let context = contexts.get(this);
      if (!context) contexts.set(this, (context = stubContext(this)));
      return context;
    }
  });
  Object.defineProperty(proto, "toDataURL", {
    configurable: true,
    value(this: HTMLCanvasElement) {
      const image = painted.get(this) ?? blank(this.width, this.height);
      return `data:image/png;base64,${png(image).toString("base64")}`;
    }
  });
}

/** A 2D context that keeps what is drawn: pixels for image data and fillRect, shapes for paths. */
function stubContext(canvas: HTMLCanvasElement) {
  const pixels = () => {
    let image = painted.get(canvas);
    if (!image) painted.set(canvas, (image = blank(canvas.width, canvas.height)));
    return image;
  };
  const paths = () => {
    let paths = drawn.get(canvas);
    if (!paths) drawn.set(canvas, (paths = {shapes: [], ratio: 1}));
    return paths;
  };
  const at = (x: number, y: number) => `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
  let path = "";
  return {
    fillStyle: "black",
    strokeStyle: "black",
    lineWidth: 1,
    lineJoin: "miter",
    createImageData: blank,
    putImageData: (image: Painted) => painted.set(canvas, image),
    getImageData(x: number, y: number, w: number, h: number): Painted {
      const image = pixels();
      const region = blank(w, h);
      for (let j = 0; j < h; ++j) region.data.set(image.data.subarray(((y + j) * image.width + x) * 4, ((y + j) * image.width + x + w) * 4), j * w * 4);
      return region;
    },
    fillRect(this: {fillStyle: string}, x: number, y: number, w: number, h: number) {
      const image = pixels();
      const c = color(this.fillStyle)?.rgb();
      if (!c) return;
      for (let j = Math.max(0, y); j < Math.min(image.height, y + h); ++j) {
        for (let i = Math.max(0, x); i < Math.min(image.width, x + w); ++i) {
          image.data.set([c.r, c.g, c.b, c.opacity * 255], (j * image.width + i) * 4);
        }
      }
    },
    setTransform(a: number) {
      paths().ratio = a;
    },
    clearRect() {
      paths().shapes = [];
    },
    beginPath() {
      path = "";
    },
    moveTo(x: number, y: number) {
      path += `M${at(x, y)}`;
    },
    lineTo(x: number, y: number) {
      path += `L${at(x, y)}`;
    },
    closePath() {
      path += "Z";
    },
    fill(this: {fillStyle: string}) {
      paths().shapes.push({d: path, fill: this.fillStyle});
    },
    stroke(this: {strokeStyle: string; lineWidth: number}) {
      const {shapes} = paths();
      const last = shapes[shapes.length - 1];
      const stroke = {stroke: this.strokeStyle, strokeWidth: this.lineWidth};
      if (last?.d === path && !last.stroke) Object.assign(last, stroke);
      else shapes.push({d: path, ...stroke});
    }
  };
}

function blank(width: number, height: number): Painted {
  return {width, height, data: new Uint8ClampedArray(width * height * 4)};
}

/** A minimal RGBA PNG: signature, IHDR, one IDAT of filter-0 scanlines, IEND. */
function png({width, height, data}: Painted): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; ++y) rows.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, {level: 9})),
    chunk("IEND", Buffer.alloc(0))
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Uint32Array.from({length: 256}, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

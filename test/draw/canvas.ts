// jsdom has no canvas, which Plot's raster mark and colour legend paint into. This stands in
// for the calls they make (image data, and fillRect), and encodes the pixels as a real PNG so a snapshot still shows the image
// when opened in a browser.
import {color} from "d3";
import {deflateSync} from "node:zlib";

/** The pixels last put on a stub canvas. */
interface Painted {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const painted = new WeakMap<HTMLCanvasElement, Painted>();

/** Replaces HTMLCanvasElement's 2D context and toDataURL in `window` (jsdom's). */
export function installCanvas(window: Window & typeof globalThis): void {
  const proto = window.HTMLCanvasElement.prototype;
  Object.defineProperty(proto, "getContext", {
    configurable: true,
    value(this: HTMLCanvasElement, type: string) {
      if (type !== "2d") return null;
      const canvas = this;
      const pixels = () => {
        let image = painted.get(canvas);
        if (!image) painted.set(canvas, (image = blank(canvas.width, canvas.height)));
        return image;
      };
      return {
        fillStyle: "black",
        createImageData: blank,
        putImageData: (image: Painted) => painted.set(canvas, image),
        fillRect(this: {fillStyle: string}, x: number, y: number, w: number, h: number) {
          const image = pixels();
          const c = color(this.fillStyle)?.rgb();
          if (!c) return;
          for (let j = Math.max(0, y); j < Math.min(image.height, y + h); ++j) {
            for (let i = Math.max(0, x); i < Math.min(image.width, x + w); ++i) {
              image.data.set([c.r, c.g, c.b, c.opacity * 255], (j * image.width + i) * 4);
            }
          }
        }
      };
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

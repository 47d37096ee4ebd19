// The handout's QR codes must scan: each matrix is drawn into pixels and read with a QR decoder.
import jsQRModule from "jsqr";

// jsqr is CommonJS with a default export; under NodeNext its types see the module object.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
import { describe, expect, it } from "vitest";
import { darkRuns, qrMatrix } from "../src/handout/qr.ts";

function decode(text: string): string | undefined {
  const m = qrMatrix(text);
  const scale = 4;
  const quiet = 4;
  const side = (m.size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  // Drawn from the same runs the PDF uses, so the test covers the drawing too.
  for (const run of darkRuns(m)) {
    for (let dx = 0; dx < run.length * scale; dx++) {
      for (let dy = 0; dy < scale; dy++) {
        const x = (quiet + run.x) * scale + dx;
        const y = (quiet + run.y) * scale + dy;
        pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe("QR codes", () => {
  it.each([
    "https://www.acf.hhs.gov/otip",
    "http://www.polarisproject.org/resources/resources-by-topic/sex-trafficking",
    "https://www.unodc.org/unodc/en/human-trafficking/2008/electronic-toolkit/electronic-toolkit-to-combat-trafficking-in-persons---index.html",
    "https://web.archive.org/web/20120301000000/http://www.who.int/gender/documents/en/final%20recommendations%2023%20oct.pdf",
  ])("decode back to the URL: %s", (url) => {
    expect(decode(url)).toBe(url);
  });
});

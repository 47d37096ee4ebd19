// QR codes as a module matrix from the qrcode library; the handout draws them as vector squares.
import QRCode from "qrcode";

export interface QrMatrix {
  size: number;
  isDark(x: number, y: number): boolean;
}

/**
 * Level L (7 % recovery) suits clean print and keeps codes small enough to scan at 2 cm. The data
 * is one byte-mode segment and the mask is fixed: choosing the "best" of eight masks and the
 * cheapest segmentation took four fifths of a 10,000-resource export, and any mask is valid QR
 * (a test decodes the codes with a QR reader).
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create([{ data: Buffer.from(text, "utf8"), mode: "byte" }], { errorCorrectionLevel: "L", maskPattern: 2 });
  return { size: modules.size, isDark: (x, y) => Boolean(modules.get(y, x)) };
}

/** Horizontal runs of dark modules, so a code is a few dozen rectangles instead of hundreds. */
export function darkRuns(matrix: QrMatrix): { x: number; y: number; length: number }[] {
  const runs: { x: number; y: number; length: number }[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.isDark(x, y)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.isDark(x, y)) x += 1;
      runs.push({ x: start, y, length: x - start });
    }
  }
  return runs;
}

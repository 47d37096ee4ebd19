// Writes a PDF front to back as its objects are finished, keeping only what is not written yet:
// small objects are packed a thousand at a time into compressed object streams, streams are
// written as they come, and the cross-reference is a compressed stream at the end (PDF 1.5).
// Why not pdf-lib's writer: pdf-lib holds a whole document until it is saved (every object, and
// every reference in a pool that is never emptied), so at 100,000 resources the handout took 3 GB.
// pdf-lib still embeds the fonts and escapes text strings (pdf-syntax.ts); this only lays objects
// out in the file and records where each one is.
import { deflateSync } from "node:zlib";

const HEADER = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
const OBJECTS_PER_STREAM = 1000;

export class PdfWriter {
  private pieces: Uint8Array[] = [HEADER];
  private offset = HEADER.length;
  private last = 0;
  /** Cross-reference by object number: type 1 at a byte offset, type 2 in an object stream at an index. */
  private xrefType = new Uint8Array(4096);
  private xrefWhere = new Float64Array(4096);
  private xrefIndex = new Uint16Array(4096);
  /** Objects waiting for their object stream, as bytes: one string of a thousand objects would be a large object for the garbage collector, kept until its next full collection. */
  private batch: { num: number; body: Buffer }[] = [];

  /** A new object number. */
  allocate(): number {
    return ++this.last;
  }

  /** The largest object number given out; raised when another library has allocated numbers after ours. */
  get lastNumber(): number {
    return this.last;
  }
  set lastNumber(value: number) {
    if (value < this.last) throw new Error(`object numbers cannot go back from ${this.last} to ${value}`);
    this.last = value;
  }

  /** A dictionary, array or other non-stream object, in PDF syntax (ASCII); it goes into an object stream. */
  object(num: number, body: string): void {
    this.batch.push({ num, body: Buffer.from(`${body}\n`, "latin1") });
    if (this.batch.length >= OBJECTS_PER_STREAM) this.flushBatch();
  }

  /** A stream: its dictionary's entries (without /Length, which is added) and its bytes as they go in the file. */
  stream(num: number, entries: string, data: Uint8Array): void {
    this.record(num, 1, this.offset, 0);
    this.emit(Buffer.from(`${num} 0 obj\n<<${entries} /Length ${data.length}>>\nstream\n`, "latin1"));
    this.emit(data);
    this.emit(Buffer.from("\nendstream\nendobj\n", "latin1"));
  }

  /** An object already serialised by another library (pdf-lib's fonts), written as is. */
  raw(num: number, bytes: Uint8Array): void {
    this.record(num, 1, this.offset, 0);
    this.emit(Buffer.from(`${num} 0 obj\n`, "latin1"));
    this.emit(bytes);
    this.emit(Buffer.from("\nendobj\n", "latin1"));
  }

  /** The bytes written since the last call, to go to the file. */
  take(): Buffer {
    const out = Buffer.concat(this.pieces);
    this.pieces = [];
    return out;
  }

  /** Writes what is pending, the cross-reference stream and the trailer. Every allocated number must have been written. */
  finish(trailer: { root: number; info: number }): void {
    this.flushBatch();
    const xref = this.allocate();
    const start = this.offset;
    const size = this.last + 1;
    // W [1 4 2]: type, offset or object stream, generation or index.
    const table = Buffer.alloc(size * 7);
    for (let num = 0; num < size; num++) {
      const at = num * 7;
      if (num === 0) {
        table.writeUInt8(0, at);
        table.writeUInt32BE(0, at + 1);
        table.writeUInt16BE(0xffff, at + 5);
        continue;
      }
      if (num === xref) {
        table.writeUInt8(1, at);
        table.writeUInt32BE(start, at + 1);
        continue;
      }
      const type = this.xrefType[num] ?? 0;
      if (type === 0) throw new Error(`PDF object ${num} was allocated but never written`);
      table.writeUInt8(type, at);
      table.writeUInt32BE(this.xrefWhere[num]!, at + 1);
      table.writeUInt16BE(this.xrefIndex[num]!, at + 5);
    }
    this.stream(xref, ` /Type /XRef /Size ${size} /W [1 4 2] /Root ${trailer.root} 0 R /Info ${trailer.info} 0 R /Filter /FlateDecode`, deflateSync(table));
    this.emit(Buffer.from(`startxref\n${start}\n%%EOF\n`, "latin1"));
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    const num = this.allocate();
    let header = "";
    let at = 0;
    this.batch.forEach((object, index) => {
      header += `${object.num} ${at} `;
      at += object.body.length;
      this.record(object.num, 2, num, index);
    });
    const count = this.batch.length;
    const data = deflateSync(Buffer.concat([Buffer.from(`${header}\n`, "latin1"), ...this.batch.map((o) => o.body)]), { level: 3 });
    this.batch = [];
    this.stream(num, ` /Type /ObjStm /N ${count} /First ${header.length + 1} /Filter /FlateDecode`, data);
  }

  private record(num: number, type: 1 | 2, where: number, index: number): void {
    if (num >= this.xrefType.length) {
      const grow = <T extends Uint8Array | Float64Array | Uint16Array>(old: T, make: (n: number) => T): T => {
        const next = make(Math.max(old.length * 2, num + 1));
        next.set(old);
        return next;
      };
      this.xrefType = grow(this.xrefType, (n) => new Uint8Array(n));
      this.xrefWhere = grow(this.xrefWhere, (n) => new Float64Array(n));
      this.xrefIndex = grow(this.xrefIndex, (n) => new Uint16Array(n));
    }
    if (this.xrefType[num] !== 0) throw new Error(`PDF object ${num} written twice`);
    this.xrefType[num] = type;
    this.xrefWhere[num] = where;
    this.xrefIndex[num] = index;
  }

  private emit(bytes: Uint8Array): void {
    this.pieces.push(bytes);
    this.offset += bytes.length;
  }
}

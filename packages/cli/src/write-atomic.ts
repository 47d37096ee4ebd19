// Writing output so that a failure never leaves a half-written file: every file goes to a
// temporary name in the same folder first and is renamed into place only when all are written.
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

export interface OutputFile {
  path: string;
  /**
   * The contents, or its pieces in order (a large file need never be one string), possibly made
   * while they are written (an async iterable): if making them fails, nothing is left behind.
   */
  data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
}

export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString("hex")}.tmp`);
      staged.push({ temp, path: file.path });
      const handle = await open(temp, "wx");
      try {
        const pieces = typeof file.data === "string" || file.data instanceof Uint8Array ? [file.data] : file.data;
        // writeFile writes the whole piece at the current position, so the pieces follow one another:
        // one write at a time, while the next piece is being made (a handout's pages are drawn
        // while the last one is written). A failed write is thrown where it is awaited.
        let writing: Promise<void> = Promise.resolve();
        for await (const piece of pieces) {
          await writing;
          writing = handle.writeFile(piece);
          writing.catch(() => undefined);
        }
        await writing;
      } finally {
        await handle.close();
      }
    }
    for (const { temp, path } of staged) await rename(temp, path);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}

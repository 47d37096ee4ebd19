// Writing output so that a failure never leaves a half-written file: every file goes to a
// temporary name in the same folder first and is renamed into place only when all are written.
// A failure of the file system (a file in the way, a read-only folder, a full disk) is an
// OutputError naming the file and the reason; the temporary files are removed on any failure,
// and by runMain when the process is stopped by Ctrl-C or SIGTERM.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ensureDir, isFsError, outputError } from "./fs-errors.ts";

export interface OutputFile {
  path: string;
  /**
   * The contents, or its pieces in order (a large file need never be one string), possibly made
   * while they are written (an async iterable): if making them fails, nothing is left behind.
   */
  data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
}

/** Temporary files of the writes in progress in this process. */
const temporary = new Set<string>();

/** Removes the temporary files of every write in progress (for a process being stopped); how many. */
export function removeTemporaryFiles(): number {
  let removed = 0;
  for (const temp of temporary) {
    try {
      rmSync(temp, { force: true });
      removed += 1;
    } catch {
      // Being stopped: remove what can be removed.
    }
  }
  temporary.clear();
  return removed;
}

export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; path: string }[] = [];
  let current = "";
  try {
    for (const file of files) {
      current = file.path;
      await ensureDir(dirname(file.path));
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString("hex")}.tmp`);
      const handle = await open(temp, "wx");
      staged.push({ temp, path: file.path });
      temporary.add(temp);
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
    for (const { temp, path } of staged) {
      current = path;
      await rename(temp, path);
      temporary.delete(temp);
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    for (const { temp } of staged) temporary.delete(temp);
    throw isFsError(error) ? outputError(current, error) : error;
  }
}

/**
 * Checks, before any work, that files can be written in `dir` (made if missing): a probe file is
 * created there and removed. A long check must not learn at its end that its output has nowhere to go.
 */
export async function checkWritable(dir: string): Promise<void> {
  await ensureDir(dir);
  const probe = join(dir, `.write-check.${randomBytes(6).toString("hex")}.tmp`);
  temporary.add(probe);
  try {
    const handle = await open(probe, "wx");
    try {
      await handle.writeFile("x");
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw isFsError(error) ? outputError(dir, error, "cannot write to") : error;
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
    temporary.delete(probe);
  }
}

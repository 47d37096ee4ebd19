// Writing output so that a failure never leaves a half-written file: every file goes to a
// temporary name in the same folder first and is renamed into place only when all are written.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString("hex")}.tmp`);
      staged.push({ temp, path: file.path });
      await writeFile(temp, file.data, { flag: "wx" });
    }
    for (const { temp, path } of staged) await rename(temp, path);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}

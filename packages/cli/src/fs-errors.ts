// File-system failures are the user's to fix (a file where a folder should be, a read-only
// folder, a full disk), not bugs: they end a command with exit 2 and a line naming the path and
// the reason in words, never with "internal error" and a stack.
import { lstat, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { OutputError } from "./errors.ts";

const REASONS: Record<string, string> = {
  ENOTDIR: "a file is in the way where a folder should be",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EEXIST: "something else already exists there",
  EIO: "an input/output error of the disk",
  EMFILE: "too many open files",
  ENOENT: "a folder on the way does not exist and cannot be made",
};

/** An error from node:fs (it has a code and names a system call). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

export function describeFsError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  return REASONS[code] ? `${REASONS[code]} (${code})` : error.message;
}

/** The OutputError for a file-system failure while writing `path`. */
export function outputError(path: string, error: NodeJS.ErrnoException, what = "cannot write"): OutputError {
  return new OutputError(`${what} ${path}: ${describeFsError(error)}`);
}

/**
 * Makes a folder and the folders above it, one level at a time. Node's own recursive mkdir is not
 * used: on a path under /proc it retries forever at full CPU (the kernel answers ENOENT for a
 * folder that exists), and its errors do not say which part of the path is wrong.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      const stat = await lstat(at);
      if (!stat.isDirectory() && !stat.isSymbolicLink()) throw new OutputError(`cannot write to ${dir}: ${at} is a file, not a folder`);
      break;
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if (!isFsError(error) || error.code !== "ENOENT") throw isFsError(error) ? outputError(dir, error, "cannot write to") : error;
      missing.push(at);
      if (dirname(at) === at) break;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (isFsError(error) && error.code === "EEXIST") continue;
      throw isFsError(error) ? outputError(dir, error, folder === resolve(dir) ? "cannot make the folder" : `cannot make the folder ${folder} for`) : error;
    }
  }
}

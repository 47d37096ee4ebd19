// File-system failures while writing are named with the path and the reason, exit 2, and leave
// nothing behind: a file where a folder should be, a folder Node's own recursive mkdir loops on
// forever (/proc), a read-only file system, a full disk.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles, testdir } from "@td/testkit";
import { OutputError, checkWritable, runCommand, writeFilesAtomic, type Io } from "../src/index.ts";

const io = (): Io & { err: string } => {
  const x = { err: "", stdout: () => {}, stderr: (t: string) => void (x.err += t) };
  return x;
};

/** A small file system of our own (tmpfs), when this machine lets us mount one (root, outside most containers' limits). */
function tryMount(options: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "td-mount-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) {
    try {
      execFileSync("umount", [dir], { stdio: "ignore" });
    } catch {
      // left for the system's own clean-up
    }
  }
});

describe("output that cannot be written", () => {
  it("a file where the output folder should be: exit 2 naming it, nothing written", async () => {
    const dir = await testdir({ "out": "I am a file" });
    const out = io();
    const code = await runCommand("export", () => writeFilesAtomic([{ path: join(dir, "out", "a.csv"), data: "x" }]).then(() => 0), [], out);
    expect(code).toBe(2);
    expect(out.err).toBe(`export: cannot write to ${join(dir, "out")}: ${join(dir, "out")} is a file, not a folder; nothing was written\n`);
    expect(await listFiles(dir)).toEqual(["out"]);
    await expect(checkWritable(join(dir, "out", "deeper"))).rejects.toThrow(OutputError);
  });

  it("a folder under /proc, where Node's recursive mkdir retries forever: refused at once", async () => {
    await expect(checkWritable("/proc/td-no-such-folder/x")).rejects.toThrow(/^cannot make the folder \/proc\/td-no-such-folder for \/proc\/td-no-such-folder\/x: /);
  });

  it("a failure of the disk while writing (here ENOSPC as the file system gives it): exit 2 naming the file, the temporary file removed", async () => {
    const dir = await testdir();
    async function* pieces() {
      yield "first part";
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
    }
    const out = io();
    const code = await runCommand("check", () => writeFilesAtomic([{ path: join(dir, "report.json"), data: pieces() }]).then(() => 0), [], out);
    expect(code).toBe(2);
    expect(out.err).toBe(`check: cannot write ${join(dir, "report.json")}: the disk is full (ENOSPC); nothing was written\n`);
    expect(await readdir(dir)).toEqual([]);
  });

  const full = tryMount("size=64k");
  const readOnly = tryMount("ro,size=64k");
  for (const m of [full, readOnly]) if (m !== undefined) mounted.push(m);

  it.skipIf(full === undefined)("a real full disk (a 64 KB tmpfs; skipped where this machine cannot mount one): exit 2, nothing left", async () => {
    const out = io();
    const big = "x".repeat(256 * 1024);
    const code = await runCommand("export", () => writeFilesAtomic([{ path: join(full!, "handout.pdf"), data: big }]).then(() => 0), [], out);
    expect(code).toBe(2);
    expect(out.err).toBe(`export: cannot write ${join(full!, "handout.pdf")}: the disk is full (ENOSPC); nothing was written\n`);
    expect(await readdir(full!)).toEqual([]);
  });

  it.skipIf(readOnly === undefined)("a real read-only file system (a read-only tmpfs; skipped where this machine cannot mount one): refused before any work", async () => {
    await expect(checkWritable(readOnly!)).rejects.toThrow(`cannot write to ${readOnly}: the file system is read-only (EROFS)`);
    await expect(writeFile(join(readOnly!, "x"), "x")).rejects.toThrow(/EROFS/);
  });
});

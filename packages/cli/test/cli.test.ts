import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, testdir } from "@td/testkit";
import {
  InputError,
  UsageError,
  parseDurationFlag,
  parseFlags,
  parseIntegerFlag,
  runCommand,
  writeFilesAtomic,
  type Io,
} from "../src/index.ts";

function captureIo(): Io & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe("flags", () => {
  it("turns parseArgs errors into a UsageError", () => {
    expect(() => parseFlags(["--nope"], { data: { type: "string" } })).toThrow(new UsageError('Unknown option "--nope"'));
  });
  it("parses integers within bounds", () => {
    expect(parseIntegerFlag("concurrency", "8", 16, 1, 256)).toBe(8);
    expect(parseIntegerFlag("concurrency", undefined, 16, 1, 256)).toBe(16);
    expect(() => parseIntegerFlag("concurrency", "0", 16, 1, 256)).toThrow("--concurrency must be between 1 and 256, got 0");
    expect(() => parseIntegerFlag("concurrency", "many", 16, 1, 256)).toThrow('--concurrency must be a whole number, got "many"');
  });
  it("parses durations in s, ms and m", () => {
    expect(parseDurationFlag("timeout", "15", 1)).toBe(15_000);
    expect(parseDurationFlag("timeout", "250ms", 1)).toBe(250);
    expect(parseDurationFlag("timeout", "1.5s", 1)).toBe(1500);
    expect(parseDurationFlag("timeout", "2m", 1)).toBe(120_000);
    expect(() => parseDurationFlag("timeout", "soon", 1)).toThrow('--timeout must be a duration such as 15, 15s or 1500ms, got "soon"');
  });
});

describe("runCommand", () => {
  it("maps usage and input errors to exit 2 with a readable message", async () => {
    const io = captureIo();
    expect(await runCommand("check", async () => Promise.reject(new UsageError("--per-host must be a number")), [], io)).toBe(2);
    expect(io.err).toBe('check: --per-host must be a number\nRun "npm run check -- --help" for usage.\n');
    const io2 = captureIo();
    expect(await runCommand("export", async () => Promise.reject(new InputError("bad report", ["a: b"])), [], io2)).toBe(2);
    expect(io2.err).toBe("export: bad report\n  a: b\n");
  });
  it("maps an unexpected error to exit 4 and passes a command's own code through", async () => {
    const io = captureIo();
    expect(await runCommand("x", async () => Promise.reject(new Error("boom")), [], io)).toBe(4);
    expect(io.err).toContain("x: internal error, please report it:\nError: boom");
    expect(await runCommand("x", async () => 3, [], io)).toBe(3);
  });
});

describe("writeFilesAtomic", () => {
  it("writes every file, creating folders", async () => {
    const dir = await testdir();
    await writeFilesAtomic([
      { path: join(dir, "out/a.txt"), data: "A" },
      { path: join(dir, "out/b.bin"), data: new Uint8Array([1, 2]) },
    ]);
    expect(await listFiles(dir)).toEqual(["out/a.txt", "out/b.bin"]);
    expect(await readFile(join(dir, "out/a.txt"), "utf8")).toBe("A");
  });

  it("leaves neither new nor temporary files when one write fails", async () => {
    const dir = await testdir({ "out/a.txt": "old", "out/blocker": "a file where a folder should be" });
    const failing = writeFilesAtomic([
      { path: join(dir, "out/a.txt"), data: "new" },
      { path: join(dir, "out/blocker/b.txt"), data: "B" },
    ]);
    await expect(failing).rejects.toThrow(`cannot write to ${join(dir, "out/blocker")}: ${join(dir, "out/blocker")} is a file, not a folder`);
    expect(await readFile(join(dir, "out/a.txt"), "utf8")).toBe("old");
    expect(await listFiles(dir)).toEqual(["out/a.txt", "out/blocker"]);
  });

  it("writes a file made while it is written, and leaves nothing when making it fails half-way", async () => {
    const dir = await testdir({ "out/old.pdf": "old" });
    async function* pages(fail: boolean) {
      yield "page 1\n";
      yield new Uint8Array([0x70, 0x0a]);
      if (fail) throw new Error("drawing page 3 failed");
      yield "page 3\n";
    }
    await writeFilesAtomic([{ path: join(dir, "out/new.pdf"), data: pages(false) }]);
    expect(await readFile(join(dir, "out/new.pdf"), "utf8")).toBe("page 1\np\npage 3\n");
    const failing = writeFilesAtomic([
      { path: join(dir, "out/a.csv"), data: "id\n" },
      { path: join(dir, "out/old.pdf"), data: pages(true) },
    ]);
    await expect(failing).rejects.toThrow("drawing page 3 failed");
    expect(await readFile(join(dir, "out/old.pdf"), "utf8")).toBe("old");
    expect(await listFiles(dir)).toEqual(["out/new.pdf", "out/old.pdf"]);
  });
});

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, testdir } from "../src/index.ts";

describe("testdir", () => {
  it("creates nested files and lists them back", async () => {
    const dir = await testdir({ "a.txt": "A", "deep/b.json": "{}" });
    expect(await listFiles(dir)).toEqual(["a.txt", join("deep", "b.json")]);
    expect(await readFile(join(dir, "deep/b.json"), "utf8")).toBe("{}");
  });
});

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testdir } from "@td/testkit";
import { readJsonFile } from "../src/index.ts";

const Config = z.strictObject({ retries: z.int().min(0) });

describe("readJsonFile", () => {
  it("returns the validated value", async () => {
    const dir = await testdir({ "c.json": '{ "retries": 2 }' });
    expect(await readJsonFile(join(dir, "c.json"), Config, "config file")).toEqual({ ok: true, value: { retries: 2 } });
  });
  it("names a missing file, bad JSON with its line, and invalid fields with their path", async () => {
    const dir = await testdir({ "bad.json": '{\n  "retries": }', "wrong.json": '{ "retries": -1, "x": 1 }' });
    expect(await readJsonFile(join(dir, "none.json"), Config, "config file")).toEqual({ ok: false, message: `${join(dir, "none.json")}: cannot read the config file (file not found)`, problems: [] });
    const bad = await readJsonFile(join(dir, "bad.json"), Config, "config file");
    expect(!bad.ok && bad.problems).toEqual([`${join(dir, "bad.json")}:2:14: invalid JSON: value expected`]);
    const wrong = await readJsonFile(join(dir, "wrong.json"), Config, "config file");
    expect(!wrong.ok && wrong.message).toBe(`${join(dir, "wrong.json")} is not a valid config file:`);
    expect(!wrong.ok && wrong.problems).toEqual([
      `${join(dir, "wrong.json")}: retries: Too small: expected number to be >=0`,
      `${join(dir, "wrong.json")}: (top level): unknown key "x"`,
    ]);
  });
});

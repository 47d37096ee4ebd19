// End to end: the real `npm run validate` entry point, as a user runs it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { validateCommand } from "../src/validate-command.ts";

const inProcess = (args: readonly string[]) => runInProcess("validate", validateCommand, args);
const ENTRY = "apps/validate/src/main.ts";
const resource = {
  id: "only-guide",
  title: "Only Guide",
  publisher: "UNODC",
  description: "",
  url: "https://example.org/only.pdf",
  format: "pdf",
  section: "guides",
  audiences: ["law-enforcement"],
};
const directory = { title: "T", sections: [{ id: "guides", title: "Guides" }], resources: [resource] };

describe("npm run validate", () => {
  it("prints a summary of the committed directory and exits 0", async () => {
    const result = await runCli(ENTRY, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^data\/resources\.json: valid\. "Training Resources for Law Enforcement": \d+ resources in \d+ sections/);
    expect(result.stdout).toContain("By section:");
    expect(result.stdout).toContain("By format:");
    expect(result.stdout).toMatch(/Stand-ins: \d+ of \d+ resources point at a publisher's page standing in for the resource \(standInFor\)/);
  });

  it("lists every problem with its place, exits 2 and writes nothing", async () => {
    const bad = { ...directory, resources: [{ ...resource, url: "ftp://example.org/a.pdf", format: "book" }] };
    const dir = await testdir({ "d.json": JSON.stringify(bad, null, 2) });
    const before = await listFiles(dir);
    const result = await inProcess(["--data", join(dir, "d.json")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("is invalid (2 problems):");
    expect(result.stderr).toMatch(/d\.json:15:7: resources\[0\] \(id "only-guide"\)\.url: must be an absolute http\(s\) URL/);
    expect(result.stderr).toMatch(/d\.json:16:7: resources\[0\] \(id "only-guide"\)\.format: Invalid option/);
    expect(await listFiles(dir)).toEqual(before);
  });

  it("reports malformed JSON with line and column", async () => {
    const dir = await testdir({ "d.json": '{\n  "title": "T",\n  "sections": [}\n' });
    const result = await inProcess(["--data", join(dir, "d.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/d\.json:3:16: invalid JSON: value expected/);
  });

  it("names a missing file", async () => {
    const result = await inProcess(["--data", "no/such/file.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no/such/file.json: file not found");
  });

  it("rejects an unknown flag with exit 2", async () => {
    const result = await inProcess(["--dta", "x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('validate: Unknown option "--dta"');
    expect(result.stderr).toContain("--help");
  });

  it("prints usage for --help", async () => {
    const result = await runCli(ENTRY, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Usage: npm run validate -- [--data FILE] [--verbose]

      Validates the directory data against the schema and the cross-checks (unique ids,
      known sections, duplicate URLs, .pdf URLs with another format).

      Options:
        --data FILE   the directory file (default: data/resources.json)
        --verbose     list every warning (by default, one line per kind of warning)
        -h, --help    show this help

      Prints a summary (resources by section and by format) when the data is valid, or every
      problem with its file:line:column, resource id and field, all at once. Warnings do not fail.
      Exit codes: 0 valid, 2 invalid data or usage error.
      "
    `);
  });
});

// Every kind of malformed directory through the validate command itself (in process): a clear
// message naming the resource and the field, exit code 2, and nothing written.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "@td/cli";
import { listFiles, testdir } from "@td/testkit";
import { validateCommand } from "../src/validate-command.ts";

const resource = {
  id: "unodc-first-aid-kit",
  title: "First Aid Kit",
  publisher: "UNODC",
  description: "",
  url: "https://www.unodc.org/first-aid-kit.html",
  format: "web",
  section: "guides",
  audiences: ["law-enforcement"],
};
const directory = { title: "T", sections: [{ id: "guides", title: "Guides" }], resources: [resource] };
const withResource = (change: Record<string, unknown>, drop?: string) => {
  const r: Record<string, unknown> = { ...resource, ...change };
  if (drop) delete r[drop];
  return JSON.stringify({ ...directory, resources: [r] }, null, 2);
};

const cases: [string, string, string][] = [
  ["bad JSON", '{ "title": "T", ', "invalid JSON"],
  ["unknown key", withResource({ colour: "red" }), 'resources[0] (id "unodc-first-aid-kit"): unknown key "colour"'],
  ["missing field", withResource({}, "publisher"), '(id "unodc-first-aid-kit").publisher: is required'],
  ["invalid URL", withResource({ url: "www.unodc.org/kit" }), '(id "unodc-first-aid-kit").url: must be an absolute http(s) URL'],
  ["non-http scheme", withResource({ url: "ftp://ftp.unodc.org/kit.pdf" }), '(id "unodc-first-aid-kit").url: must be an absolute http(s) URL'],
  ["duplicate id", JSON.stringify({ ...directory, resources: [resource, resource] }), 'resources[1] (id "unodc-first-aid-kit").id: duplicate id'],
  ["unknown section", withResource({ section: "manuals" }), '(id "unodc-first-aid-kit").section: unknown section "manuals"'],
  ["wrong format value", withResource({ format: "html" }), '(id "unodc-first-aid-kit").format: Invalid option'],
  ["empty title", withResource({ title: "" }), '(id "unodc-first-aid-kit").title: title must not be empty'],
  ["empty audiences", withResource({ audiences: [] }), '(id "unodc-first-aid-kit").audiences: must list at least one audience'],
  ["unknown audience", withResource({ audiences: ["police"] }), '(id "unodc-first-aid-kit").audiences[0]: Invalid option'],
  ["bad sha256", withResource({ sha256: "xyz" }), '(id "unodc-first-aid-kit").sha256: must be 64 lowercase hex digits'],
  ["fractional sizeBytes", withResource({ sizeBytes: 12.5 }), '(id "unodc-first-aid-kit").sizeBytes: must be a whole number of bytes'],
  ["upper-case id", withResource({ id: "UNODC-Kit" }), '(id "UNODC-Kit").id: must be a lowercase slug'],
  ["bad previousUrls", withResource({ previousUrls: ["not a url"] }), '(id "unodc-first-aid-kit").previousUrls[0]: must be an absolute http(s) URL'],
  ["no sections", JSON.stringify({ ...directory, sections: [] }), "sections: must list at least one section"],
  ["unknown standInFor", withResource({ standInFor: "web" }), '(id "unodc-first-aid-kit").standInFor: Invalid option'],
  ["standInFor the same as format", withResource({ format: "pdf", standInFor: "pdf" }), '(id "unodc-first-aid-kit").standInFor: is the same as format ("pdf")'],
];

describe("npm run validate on malformed data", () => {
  it.each(cases)("%s: names the problem and its place, exits 2, writes nothing", async (_name, text, expected) => {
    const dir = await testdir();
    await writeFile(join(dir, "data.json"), text);
    let stdout = "";
    let stderr = "";
    const code = await runCommand("validate", validateCommand, ["--data", join(dir, "data.json")], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/data\.json is invalid \(\d+ problems?\):/);
    expect(stderr).toContain(expected);
    expect(stderr).toMatch(/data\.json:\d+:\d+: /);
    expect(await listFiles(dir)).toEqual(["data.json"]);
  });
});

describe("npm run validate says everything at once, errors first", () => {
  const run = async (text: string, extra: string[] = []) => {
    const dir = await testdir({ "data.json": text });
    let stdout = "";
    let stderr = "";
    const code = await runCommand("validate", validateCommand, ["--data", join(dir, "data.json"), ...extra], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { code, stdout, stderr, dir };
  };
  const shared = (n: number) => Array.from({ length: n }, (_, i) => ({ ...resource, id: `r${i}`, url: `https://example.org/page-${i % 3}` }));

  it("names a schema error and an unknown section in one pass, in the file's order", async () => {
    const text = JSON.stringify({ ...directory, resources: [{ ...resource, title: "" }, { ...resource, id: "second", section: "manuals" }] }, null, 2);
    const { code, stderr } = await run(text);
    expect(code).toBe(2);
    expect(stderr).toContain("is invalid (2 problems):");
    const lines = stderr.split("\n");
    const title = lines.findIndex((l) => l.includes('(id "unodc-first-aid-kit").title: title must not be empty'));
    const section = lines.findIndex((l) => l.includes('(id "second").section: unknown section "manuals"'));
    expect(title).toBeGreaterThan(0);
    expect(section).toBeGreaterThan(title);
  });

  it("prints the errors before the warnings, and folds the warnings to one line per kind", async () => {
    const text = JSON.stringify({ ...directory, resources: [...shared(9), { ...resource, id: "bad", url: "not a url" }] }, null, 2);
    const { code, stderr } = await run(text);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/data\.json is invalid \(1 problem\):$/);
    expect(lines[1]).toContain('(id "bad").url: must be an absolute http(s) URL');
    expect(lines[2]).toBe("and 3 warnings:");
    expect(lines[3]).toMatch(/data\.json:\d+:\d+: warning: 3 URLs are each used by several resources .*--verbose lists each\)$/);
    expect(lines).toHaveLength(4);
  });

  it("lists every warning with --verbose", async () => {
    const { code, stderr } = await run(JSON.stringify({ ...directory, resources: shared(9) }, null, 2), ["--verbose"]);
    expect(code).toBe(0);
    expect(stderr.trimEnd().split("\n").filter((l) => l.includes("warning: resources[") && l.includes("the same URL is used by 3 resources"))).toHaveLength(3);
  });

  it("reports a trailing comma once, as a trailing comma, at the comma", async () => {
    const { code, stderr } = await run('{\n  "title": "T",\n  "sections": [{ "id": "guides", "title": "Guides" },],\n  "resources": []\n}\n');
    expect(code).toBe(2);
    expect(stderr).toContain("is invalid (1 problem):");
    expect(stderr).toContain("data.json:3:53: invalid JSON: a trailing comma after the last item, which JSON does not allow");
  });

  it("names a byte-order mark as such, and still reads the rest", async () => {
    const { code, stderr } = await run(`\uFEFF${JSON.stringify({ ...directory, resources: [{ ...resource, title: "x" }] })}`);
    expect(code).toBe(2);
    expect(stderr).toContain("is invalid (1 problem):");
    expect(stderr).toContain("data.json:1:1: invalid JSON: the file starts with a byte-order mark (BOM), which JSON does not allow; save it as UTF-8 without a BOM");
    const both = await run(`\uFEFF{ "title": "T", }`);
    expect(both.stderr).toContain("is invalid (2 problems):");
    expect(both.stderr).toContain("a trailing comma after the last item");
  });
});


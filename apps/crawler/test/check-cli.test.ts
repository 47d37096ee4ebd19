// End to end: `npm run check` against loopback hosts; exit codes and files. The command runs in
// the test's process (through the same runCommand as its entry point); the first test and --help
// run the real entry point in a child process, as a user does.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Report } from "@td/schema";
import { listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { checkCommand } from "../src/check-command.ts";
import { PDF_BYTES, html, send, startHost, type TestHost } from "./helpers/test-host.ts";

const ENTRY = "apps/crawler/src/main.ts";
let host: TestHost;

beforeAll(async () => {
  host = await startHost("127.0.0.6", (q, s) => {
    if (q.url === "/doc.pdf") return send(s, 200, "application/pdf", PDF_BYTES);
    if (q.url === "/page") return send(s, 200, "text/html", html("Guide"));
    return send(s, 404, "text/html", html("Not found"));
  });
});
afterAll(() => host.close());

function directory(resources: { id: string; url: string; format?: string }[]) {
  return JSON.stringify({
    title: "Test directory",
    sections: [{ id: "s", title: "S" }],
    resources: resources.map((r) => ({
      id: r.id,
      title: `Title of ${r.id}`,
      publisher: "P",
      description: "",
      url: r.url,
      format: r.format ?? "web",
      section: "s",
      audiences: ["law-enforcement"],
    })),
  });
}

async function run(resources: Parameters<typeof directory>[0], extra: string[] = [], how: "in-process" | "child" = "in-process") {
  const dir = await testdir({ "data.json": directory(resources) });
  const args = ["--data", join(dir, "data.json"), "--out", join(dir, "out"), "--archive", "off", ...extra];
  const result = how === "child" ? await runCli(ENTRY, args, { env: { CI: "true" } }) : await runInProcess("check", checkCommand, args);
  return { ...result, dir };
}

describe("npm run check", () => {
  it("exits 0 when every link works and writes a valid report.json and report.md", async () => {
    const { code, stderr, dir } = await run(
      [
        { id: "doc", url: host.url("/doc.pdf"), format: "pdf" },
        { id: "page", url: host.url("/page") },
      ],
      [],
      "child",
    );
    expect(code).toBe(0);
    expect(stderr).toContain("checking 2 resources (2 distinct URLs), 16 at a time, 2 per host");
    expect(stderr).toMatch(/done in \d+\.\d s: 2 ok, 0 redirected, 0 moved, 0 broken, 0 error; report in .*out\/report\.md/);
    const report = Report.parse(JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")));
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ["doc", "ok"],
      ["page", "ok"],
    ]);
    expect(await readFile(join(dir, "out/report.md"), "utf8")).toContain("## OK (2)");
  });

  it("exits 1 when a link is broken, and report.md names it with its reason", async () => {
    const { code, dir } = await run([
      { id: "doc", url: host.url("/doc.pdf"), format: "pdf" },
      { id: "gone", url: host.url("/gone.pdf"), format: "pdf" },
    ]);
    expect(code).toBe(1);
    const md = await readFile(join(dir, "out/report.md"), "utf8");
    expect(md).toContain("## Broken: gone, no new home found (1)");
    expect(md).toContain("### Title of gone");
    expect(md).toContain("- reason: HTTP 404 Not Found");
  });

  it("exits 3 for an offline run (no HTTP answer at all) and still writes the report", async () => {
    const { code, stderr, dir } = await run([{ id: "a", url: "http://no-such-host.invalid/a.pdf", format: "pdf" }]);
    expect(code).toBe(3);
    expect(stderr).toContain("inconclusive");
    const report = Report.parse(JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")));
    expect(report.inconclusive).toBe(true);
  });

  it("checks only the resources named by --only", async () => {
    const { code, dir } = await run(
      [
        { id: "doc", url: host.url("/doc.pdf"), format: "pdf" },
        { id: "gone", url: host.url("/gone.pdf"), format: "pdf" },
      ],
      ["--only", "doc"],
    );
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")) as Report;
    expect(report.results.map((r) => r.id)).toEqual(["doc"]);
  });

  it("exits 2 on invalid data, naming the problem, and writes nothing", async () => {
    const dir = await testdir({ "data.json": directory([{ id: "x", url: "ftp://example.org/x" }]) });
    const result = await runInProcess("check", checkCommand, ["--data", join(dir, "data.json"), "--out", join(dir, "out")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resources[0] (id "x").url: must be an absolute http(s) URL');
    expect(await listFiles(dir)).toEqual(["data.json"]);
  });

  it.each([
    [["--only", "nope"], "--only names unknown resource id: nope"],
    [["--timeout", "soon"], '--timeout must be a duration such as 15, 15s or 1500ms, got "soon"'],
    [["--per-host", "0"], "--per-host must be between 1 and 32, got 0"],
    [["--resolve", "a.test"], '--resolve must be HOST=ADDRESS with an IP address, got "a.test"'],
    [["--bogus"], 'Unknown option "--bogus"'],
  ])("exits 2 on the usage error %j", async (args, message) => {
    const { code, stderr, dir } = await run([{ id: "doc", url: host.url("/doc.pdf"), format: "pdf" }], args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(await listFiles(dir)).toEqual(["data.json"]);
  });

  it("exits 2 before checking anything when --out cannot be written (a file is in the way), naming it", async () => {
    const dir = await testdir({ "data.json": directory([{ id: "doc", url: host.url("/doc.pdf?never-asked"), format: "pdf" }]), blocker: "a file" });
    const before = host.requests.length;
    const result = await runInProcess("check", checkCommand, ["--data", join(dir, "data.json"), "--out", join(dir, "blocker", "out"), "--archive", "off"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`check: cannot write to ${join(dir, "blocker", "out")}: `);
    expect(result.stderr).not.toContain("internal error");
    expect(host.requests.length).toBe(before);
    expect(await listFiles(dir)).toEqual(["blocker", "data.json"]);
  });

  it("reads a config file strictly: unknown keys are errors", async () => {
    const dir = await testdir({ "c.json": JSON.stringify({ perHost: 1, concurency: 3 }) });
    const { code, stderr } = await run([{ id: "doc", url: host.url("/doc.pdf"), format: "pdf" }], ["--config", join(dir, "c.json")]);
    expect(code).toBe(2);
    expect(stderr).toContain('c.json: (top level): unknown key "concurency"');
  });

  it("takes settings from a config file, with flags taking precedence", async () => {
    const dir = await testdir({ "c.json": JSON.stringify({ perHost: 1, concurrency: 3, only: ["gone"] }) });
    const { code, stderr } = await run(
      [
        { id: "doc", url: host.url("/doc.pdf"), format: "pdf" },
        { id: "gone", url: host.url("/gone.pdf"), format: "pdf" },
      ],
      ["--config", join(dir, "c.json"), "--concurrency", "5"],
    );
    expect(code).toBe(1);
    expect(stderr).toContain("checking 1 resource (1 distinct URL), 5 at a time, 1 per host");
  });

  it("prints usage for --help", async () => {
    const result = await runCli(ENTRY, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });
});

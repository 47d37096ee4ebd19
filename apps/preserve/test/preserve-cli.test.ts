// The command as a user runs it (a child process, the real clock and pacing) against a local
// archive: help, a usage error, and a run that records an existing copy without keys.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeArchive, REPO_ROOT, runCli, testdir } from "@td/testkit";
import { directoryText, reportText, urlOf, DAY } from "./helpers/setup.ts";

const ENTRY = join(REPO_ROOT, "apps/preserve/src/main.ts");
const realTime = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
let archive: FakeArchive;

beforeAll(async () => {
  archive = new FakeArchive({ clock: realTime });
  await archive.start();
});
afterAll(() => archive.stop());

describe("npm run preserve", () => {
  it("prints its usage for --help, and exits 2 without --report", async () => {
    const help = await runCli(ENTRY, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run preserve -- --report FILE/);
    expect(help.stdout).toContain("ARCHIVE_ORG_ACCESS_KEY");
    const missing = await runCli(ENTRY, []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--report FILE is required/);
  });

  it("without keys: records an existing copy, says once that new captures need keys", async () => {
    const items = [
      { id: "kept", status: "ok" as const },
      { id: "lost", status: "broken" as const },
    ];
    const dir = await testdir({ "data/resources.json": directoryText(items), "out/report.json": reportText(items) });
    archive.addCapture(urlOf("kept"), Date.now() - 3 * DAY);
    const { code, stdout, stderr } = await runCli(ENTRY, ["--report", "out/report.json", "--archive-base", archive.base], {
      cwd: dir,
      env: { ARCHIVE_ORG_ACCESS_KEY: "", ARCHIVE_ORG_SECRET_KEY: "" },
    });
    expect(code, stderr).toBe(0);
    expect(stderr.match(/no Save Page Now keys/g)).toHaveLength(1);
    expect(stdout).toMatch(/archived copy recorded: kept \(Title of kept\): http:\/\/127\.0\.0\.1:\d+\/web\/\d{14}\/https:\/\/example\.org\/docs\/kept\.pdf/);
    expect(stdout).toMatch(/1 archived copy recorded in data\/resources\.json; details in out\/preserve\.json/);
    const data = JSON.parse(await readFile(join(dir, "data/resources.json"), "utf8"));
    expect(data.resources[0].archivedCopy.url).toContain("/web/");
    expect(data.resources[1].archivedCopy).toBeUndefined();
    expect(await readFile(join(dir, "out/preserve.md"), "utf8")).toMatch(/^## Archived copies recorded/);
  });
});

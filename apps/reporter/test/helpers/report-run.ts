// Runs the real `npm run report` entry point against a fresh local fake of GitHub's REST API and
// a small directory, one pair per test. The token is checked never to appear in the output.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import { runInProcess, testdir, type CliResult } from "@td/testkit";
import { reportCommand } from "../../src/report-command.ts";
import type { Report } from "@td/schema";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.ts";
import { resources } from "../fixtures.ts";

export const TOKEN = "ghp_TESTSECRET0123456789";
export const ENTRY = "apps/reporter/src/main.ts";

const data = {
  title: "T",
  sections: [
    { id: "guides", title: "Guides" },
    { id: "facts", title: "Fact sheets" },
  ],
  resources: [...resources.values()].map((r) => ({
    id: r.id,
    title: r.title,
    publisher: "P",
    description: "",
    url: r.url,
    format: r.url.endsWith(".pdf") ? "pdf" : "web",
    section: r.section === "Guides" ? "guides" : "facts",
    audiences: ["law-enforcement"],
  })),
};

export interface ReportRun {
  /** The fake GitHub of the current test. */
  gh: () => FakeGitHub;
  /** The current test's folder: data.json, report.json, out/, summary.md. */
  dir: () => string;
  run: (r: Report, extra?: string[], env?: Record<string, string | undefined>) => Promise<CliResult>;
  /** The waits the client asked for in the current test (milliseconds), instead of sleeping. */
  waits: () => number[];
}

export function useReportRun(): ReportRun {
  let gh: FakeGitHub;
  let dir: string;
  let waits: number[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub({ token: TOKEN, perPage: 2 });
    dir = await testdir({ "data.json": JSON.stringify(data) });
    waits = [];
  });
  afterEach(async () => {
    // Every request the reporter sent, and every answer the fake gave, as GitHub's OpenAPI description allows.
    expect(gh.violations).toEqual([]);
    await gh.close();
  });
  return {
    gh: () => gh,
    dir: () => dir,
    waits: () => waits,
    run: async (r, extra = [], env = {}) => {
      await writeFile(join(dir, "report.json"), JSON.stringify(r));
      const environment = { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: "acme/directory", GITHUB_TOKEN: TOKEN, GITHUB_STEP_SUMMARY: join(dir, "summary.md"), ...env };
      // In the test's process, with the environment handed over rather than set on process.env.
      // A clock that only a wait moves on, so the client's waits are asked for and taken at once,
      // and a wait is exactly what was asked for however long the machine takes between two reads
      // of the clock (a clock that followed real time made a 7 s wait 6,996 ms on a loaded machine).
      let clock = Date.now();
      const sleep = async (ms: number) => {
        waits.push(ms);
        clock += ms;
      };
      const result = await runInProcess("report", (argv, io) => reportCommand(argv, io, environment, { sleep, now: () => clock }), ["--report", join(dir, "report.json"), "--data", join(dir, "data.json"), "--out", join(dir, "out"), "--pace", "0", ...extra]);
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
      return result;
    },
  };
}

// A throw-away directory, check report and local archive for one scenario, and the command run in
// process against them on a virtual clock.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runCommand, type Io } from "@td/cli";
import { summarize, type ArchivedCopy, type CheckResult, type Format, type Preserve } from "@td/schema";
import { preserveCommand } from "../../src/preserve-command.ts";
import { FakeArchive, testdir, virtualClock } from "@td/testkit";

export const KEYS = { access: "ACCESSKEY1234", secret: "SeCrEt-5678-do-not-print" };
export const DAY = 24 * 3600 * 1000;

export interface Item {
  id: string;
  format?: Format;
  status: CheckResult["status"];
  archivedCopy?: ArchivedCopy;
  finalUrl?: string;
  /** The report's result is for another URL. */
  staleUrl?: string;
}

export const urlOf = (id: string) => `https://example.org/docs/${id}.pdf`;
export const pageOf = (id: string) => `https://example.org/pages/${id}`;

export function directoryText(items: readonly Item[]): string {
  const resources = items.map((it) => ({
    id: it.id,
    title: `Title of ${it.id}`,
    publisher: "Example Publisher",
    description: "A training resource.",
    url: (it.format ?? "pdf") === "pdf" ? urlOf(it.id) : pageOf(it.id),
    format: it.format ?? "pdf",
    section: "guides",
    audiences: ["law-enforcement"],
    ...(it.archivedCopy ? { archivedCopy: it.archivedCopy } : {}),
  }));
  return `${JSON.stringify({ title: "Test directory", sections: [{ id: "guides", title: "Guides" }], resources }, null, 2)}\n`;
}

export function reportText(items: readonly Item[]): string {
  const results: CheckResult[] = items.map((it) => {
    const url = it.staleUrl ?? ((it.format ?? "pdf") === "pdf" ? urlOf(it.id) : pageOf(it.id));
    return {
      id: it.id,
      url,
      status: it.status,
      httpStatus: it.status === "ok" ? 200 : it.status === "redirected" ? 301 : it.status === "error" ? 503 : 404,
      finalUrl: it.finalUrl ?? url,
      suggestedUrl: it.status === "redirected" ? (it.finalUrl ?? null) : null,
      archivedUrl: null,
      reason: it.status,
      checkedAt: "2026-12-01T05:00:00.000Z",
    };
  });
  return JSON.stringify({ schemaVersion: 1, startedAt: "2026-12-01T05:00:00.000Z", finishedAt: "2026-12-01T05:01:00.000Z", inconclusive: false, summary: summarize(results), results }, null, 2);
}

export interface Scenario {
  dir: string;
  archive: FakeArchive;
  clock: ReturnType<typeof virtualClock>;
  run: (args?: string[], env?: NodeJS.ProcessEnv, timing?: { requestTimeoutMs?: number }) => Promise<{ code: number; stdout: string; stderr: string }>;
  data: () => Promise<string>;
  preserve: () => Promise<Preserve>;
}

export async function scenario(items: readonly Item[], options: { keys?: boolean } = {}): Promise<Scenario> {
  const dir = await testdir({ "data/resources.json": directoryText(items), "out/report.json": reportText(items) });
  const clock = virtualClock();
  const archive = new FakeArchive({ clock, keys: KEYS });
  await archive.start();
  const env = options.keys === false ? {} : { ARCHIVE_ORG_ACCESS_KEY: KEYS.access, ARCHIVE_ORG_SECRET_KEY: KEYS.secret };
  return {
    dir,
    archive,
    clock,
    run: async (args = [], envOverride, timing = {}) => {
      let stdout = "";
      let stderr = "";
      const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
      const argv = ["--report", join(dir, "out/report.json"), "--data", join(dir, "data/resources.json"), "--out", join(dir, "out"), "--archive-base", archive.base, ...args];
      const code = await runCommand("preserve", (a, i) => preserveCommand(a, i, { clock, env: envOverride ?? env, requestTimeoutMs: timing.requestTimeoutMs ?? 20_000 }), argv, io);
      return { code, stdout, stderr };
    },
    data: () => readFile(join(dir, "data/resources.json"), "utf8"),
    preserve: async () => JSON.parse(await readFile(join(dir, "out/preserve.json"), "utf8")) as Preserve,
  };
}

export const ago = (clock: { now(): number }, days: number) => clock.now() - days * DAY;

// The cost of `npm run preserve` as users run it (a child process, default pacing and time limit)
// against a local web archive answering like the CDX API, the id_ replay and Save Page Now 2 (jobs
// done at the third poll, as a real capture takes 10–30 s): a first run, then the run a week
// later. The archive holds a good recent capture of half the resources, an old one of 30 %, none
// of 20 %, assigned by position, so the figures are the same every time.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Directory, Preserve } from "@td/schema";
import { FakeArchive, PAGE, PDF } from "@td/testkit";
import { measure } from "./measure.ts";

export interface PreserveRun {
  label: string;
  resources: number;
  wall: number;
  cpu: number;
  rss: number;
  code: number;
  requests: Preserve["archive"]["requests"];
  summary: Preserve["summary"];
  timeLimitReached: boolean;
  recorded: number;
}

export interface PreserveBench {
  name: string;
  resources: number;
  first: PreserveRun;
  second: PreserveRun | undefined;
}

const DAY = 86_400_000;
const KEYS = { access: "bench-access", secret: "bench-secret" };
const realTime = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

export async function runPreserveBench(name: string, directory: Directory, repoRoot: string): Promise<PreserveBench> {
  const archive = new FakeArchive({ clock: realTime, keys: KEYS });
  await archive.start();
  try {
    const dir = await mkdtemp(join(tmpdir(), "td-bench-preserve-"));
    await writeFile(join(dir, "data.json"), `${JSON.stringify(directory, null, 2)}\n`);
    const now = Date.now();
    const results = directory.resources.map((r) => ({ id: r.id, url: r.url, status: "ok", httpStatus: 200, finalUrl: r.url, suggestedUrl: null, archivedUrl: null, reason: "HTTP 200", checkedAt: new Date(now).toISOString() }));
    const summary = { ok: results.length, redirected: 0, moved: 0, broken: 0, error: 0 };
    await writeFile(join(dir, "report.json"), JSON.stringify({ schemaVersion: 1, startedAt: new Date(now).toISOString(), finishedAt: new Date(now).toISOString(), inconclusive: false, summary, results }));
    directory.resources.forEach((r, i) => {
      const body = r.format === "pdf" ? PDF(r.title) : PAGE(r.title);
      const mimetype = r.format === "pdf" ? "application/pdf" : "text/html";
      archive.live.set(r.url, { status: 200, mimetype, body });
      archive.behaviours.set(r.url, { polls: 2 });
      const slot = i % 10;
      if (slot < 5) archive.addCapture(r.url, now - (10 + i) * DAY, { mimetype, body });
      else if (slot < 8) archive.addCapture(r.url, now - (400 + i) * DAY, { mimetype, body });
    });
    const run = async (label: string): Promise<PreserveRun> => {
      const m = await measure("npm", ["run", "preserve", "--", "--report", join(dir, "report.json"), "--data", join(dir, "data.json"), "--out", join(dir, "out"), "--archive-base", archive.base], {
        cwd: repoRoot,
        env: { ARCHIVE_ORG_ACCESS_KEY: KEYS.access, ARCHIVE_ORG_SECRET_KEY: KEYS.secret },
      });
      const p = JSON.parse(await readFile(join(dir, "out/preserve.json"), "utf8")) as Preserve;
      return {
        label,
        resources: directory.resources.length,
        wall: m.wallSeconds,
        cpu: m.cpuSeconds,
        rss: m.peakRssMb,
        code: m.code,
        requests: p.archive.requests,
        summary: p.summary,
        timeLimitReached: p.timeLimitReached,
        recorded: p.resources.filter((e) => e.recorded !== null).length,
      };
    };
    const first = await run("first run");
    // A run that stopped at its limit is followed by more of the same; the run after a complete one shows the steady state.
    const second = first.timeLimitReached ? undefined : await run("next run");
    return { name, resources: directory.resources.length, first, second };
  } finally {
    await archive.stop();
  }
}

export function renderPreserve(runs: readonly PreserveBench[]): string {
  const total = (r: PreserveRun) => r.requests.cdx + r.requests.capture + r.requests.save + r.requests.status;
  const lines = [
    "",
    "## Keeping copies in the web archive",
    "",
    "`npm run preserve` as users run it (a child process, default settings: lookups at most 48 a minute, saves at most 4 a minute and 15 s apart, one at a time, job polls every 6 s, a 20-minute time limit), with keys, against a local archive on loopback answering like the CDX API, the `id_` replay and Save Page Now 2, each capture done at the third poll (as a real one takes 10–30 s). Every resource is `ok` in the report; the archive holds a good capture newer than 180 days of 50 % of them, an older one of 30 %, none of 20 %. The first run, then (when it finished within its limit) the same command again, as a week later: every copy it recorded is recent. Requests are counted by the command (preserve.json).",
    "",
    "| directory | run | resources | wall s | CPU s | peak RSS MB | CDX lookups | captures read | saves | status polls | requests | recent copy | saved | not reached | copies recorded | time limit reached |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const b of runs) {
    for (const r of b.second ? [b.first, b.second] : [b.first]) {
      lines.push(
        `| ${b.name} | ${r.label} | ${r.resources} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.requests.cdx} | ${r.requests.capture} | ${r.requests.save} | ${r.requests.status} | ${total(r)} | ${r.summary["recent-copy"]} | ${r.summary.saved} | ${r.summary["not-reached"]} | ${r.recorded} | ${r.timeLimitReached ? "yes" : "no"} |`,
      );
    }
  }
  lines.push("");
  for (const b of runs) {
    const f = b.first;
    const perResource = (total(f) / Math.max(1, f.resources - f.summary["not-reached"])).toFixed(2);
    lines.push(
      `- ${b.name}: the first run ${f.timeLimitReached ? `reached its 20-minute limit after looking after ${f.resources - f.summary["not-reached"]} of ${f.resources} resources (the next runs go on with the rest, oldest and missing copies first)` : `looked after all ${f.resources} resources in ${(f.wall / 60).toFixed(1)} minutes`}, ${perResource} requests per resource reached${b.second ? `; the next run sent ${total(b.second)} requests and ${b.second.recorded === 0 ? "changed nothing" : `recorded ${b.second.recorded} more copies`}` : ""}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

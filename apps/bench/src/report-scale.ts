// The issue sync at scale, as users run it: `npm run report -- --dry-run` on a report of 10,000
// resources, 70 % of them timing out on one host (an outage) and the rest broken on hosts of their
// own with long titles, against a local GitHub answering as an empty repository does. It plans the
// largest bodies the tool can write; the figures are its time and the largest body planned.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outageDirectory, outageReport } from "@td/testkit";
import { measure } from "./measure.ts";

export interface ReportScaleRun {
  resources: number;
  code: number;
  wall: number;
  cpu: number;
  rss: number;
  reads: number;
  writes: number;
  largest: number | undefined;
  hostIssues: number;
  resourceIssues: number;
}

export async function runReportScale(n: number, repoRoot: string): Promise<ReportScaleRun> {
  let reads = 0;
  let writes = 0;
  // An empty public repository: every list is empty; anything but a read is counted (a dry run must send none).
  const server = createServer((req, res) => {
    if (req.method === "GET") {
      reads += 1;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999", "x-ratelimit-limit": "5000" }).end("[]");
    } else {
      writes += 1;
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ message: "a dry run must not write" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const dir = await mkdtemp(join(tmpdir(), "td-bench-report-"));
    const directory = outageDirectory(n);
    await writeFile(join(dir, "data.json"), JSON.stringify(directory));
    await writeFile(join(dir, "report.json"), JSON.stringify(outageReport(directory, "2026-11-30T06:01:00.000Z")));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const m = await measure("npm", ["run", "report", "--", "--report", join(dir, "report.json"), "--data", join(dir, "data.json"), "--out", join(dir, "out"), "--dry-run", "--error-threshold", "1"], {
      cwd: repoRoot,
      env: { GITHUB_API_URL: api, GITHUB_REPOSITORY: "bench/directory", GITHUB_TOKEN: "", GITHUB_STEP_SUMMARY: "" },
    });
    const largest = /the largest body or comment planned is (\d+) characters/.exec(m.stdout)?.[1];
    return {
      resources: n,
      code: m.code,
      wall: m.wallSeconds,
      cpu: m.cpuSeconds,
      rss: m.peakRssMb,
      reads,
      writes,
      largest: largest === undefined ? undefined : Number(largest),
      hostIssues: (m.stdout.match(/Host not reachable/g) ?? []).length,
      resourceIssues: (m.stdout.match(/Link broken:/g) ?? []).length,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export function renderReportScale(r: ReportScaleRun): string {
  const within = r.largest !== undefined && r.largest <= 65_536;
  return [
    "",
    "## The issue sync at scale",
    "",
    `\`npm run report -- --dry-run --error-threshold 1\` as users run it, on a report of ${r.resources.toLocaleString("en-US")} resources (70 % timing out on one host, the rest broken on hosts of their own, with long titles), against a local GitHub answering as an empty repository does.`,
    "",
    "| resources | wall s | CPU s | peak RSS MB | exit | GitHub reads | writes | largest body or comment planned (characters) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${r.resources} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.code} | ${r.reads} | ${r.writes} | ${r.largest ?? "not printed"} |`,
    "",
    `- Every planned body and comment within GitHub's 65,536 characters: ${within ? "met" : "**missed**"}; no write in a dry run: ${r.writes === 0 ? "met" : "**missed**"}.`,
    "",
  ].join("\n");
}

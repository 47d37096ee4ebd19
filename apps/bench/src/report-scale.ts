// The issue sync at scale, as users run it: `npm run report -- --dry-run` on a report of 10,000
// resources, 70 % of them timing out on one host (an outage) and the rest broken on hosts of their
// own with long titles, against a local GitHub answering as an empty repository does. It plans the
// largest bodies the tool can write; the figures are its time and the largest body planned.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    const at = "2026-11-30T06:01:00.000Z";
    const resources = Array.from({ length: n }, (_, i) => {
      const big = i < n * 0.7;
      return {
        id: `resource-${i}`,
        title: big ? `Guide ${i}` : `A very long title for a resource that makes issue titles and comments long, number ${i}, ${"with many words ".repeat(12)}`.trim(),
        publisher: "P",
        description: "",
        url: big ? `https://www.big-host.example/documents/human-trafficking/2009/guide-${i}.pdf` : `https://host-${i}.example/files/document-${i}.pdf`,
        format: "pdf",
        section: "s",
        audiences: ["law-enforcement"],
      };
    });
    const results = resources.map((r) => {
      const big = r.url.includes("big-host");
      return { id: r.id, url: r.url, status: big ? "error" : "broken", httpStatus: big ? null : 404, finalUrl: r.url, suggestedUrl: null, archivedUrl: null, reason: big ? "timed out after 3 attempts" : "HTTP 404 Not Found", checkedAt: at };
    });
    const summary = { ok: 0, redirected: 0, moved: 0, broken: results.filter((r) => r.status === "broken").length, error: results.filter((r) => r.status === "error").length };
    await writeFile(join(dir, "data.json"), JSON.stringify({ title: "Big", sections: [{ id: "s", title: "S" }], resources }));
    await writeFile(join(dir, "report.json"), JSON.stringify({ schemaVersion: 1, startedAt: at, finishedAt: at, inconclusive: false, summary, results }));
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

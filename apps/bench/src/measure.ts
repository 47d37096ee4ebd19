// Runs a command as a child and measures it from outside: wall time, CPU time (user + system of
// the whole process tree) and peak RSS, through getrusage(RUSAGE_CHILDREN) in a tiny Python
// wrapper (Node cannot read a child's rusage).
import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measurement {
  code: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

const WRAPPER = `
import json, resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
wall = time.monotonic() - start
r = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime, "maxrss_kb": r.ru_maxrss}, f)
`;

export async function measure(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measurement> {
  const out = join(await mkdtemp(join(tmpdir(), "td-bench-")), "rusage.json");
  let stdout = "";
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const child = spawn("python3", ["-c", WRAPPER, out, command, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", () => resolve());
  });
  const r = JSON.parse(await readFile(out, "utf8")) as { code: number; wall: number; cpu: number; maxrss_kb: number };
  return { code: r.code, wallSeconds: r.wall, cpuSeconds: r.cpu, peakRssMb: r.maxrss_kb / 1024, stdout, stderr };
}

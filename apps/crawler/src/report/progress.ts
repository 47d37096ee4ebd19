// Progress on stderr: a live line on a terminal, plain lines every few seconds elsewhere (CI logs).
// The running tallies and the final line use the same words and count the same thing (each
// resource's status as it stands); how many had no HTTP answer is said beside them, since a run in
// which none had one is inconclusive and is reported, at the end, as all error.
import type { CheckResult, LinkStatus } from "@td/schema";

export interface Progress {
  onResult(result: CheckResult, done: number, total: number): void;
  finish(summary: Record<LinkStatus, number>, seconds: number, outDir: string, inconclusive?: boolean): void;
}

const tally = (c: Record<LinkStatus, number>) => `${c.ok} ok, ${c.redirected} redirected, ${c.moved} moved, ${c.broken} broken, ${c.error} error`;

export function createProgress(stream: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }, intervalMs = 5000, clock = Date.now): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  const counts: Record<LinkStatus, number> = { ok: 0, redirected: 0, moved: 0, broken: 0, error: 0 };
  let unanswered = 0;
  let lastLine = clock();
  const line = (done: number, total: number) => `checked ${done}/${total}: ${tally(counts)}${unanswered > 0 ? ` (${unanswered} without an HTTP answer)` : ""}`;
  return {
    onResult(result, done, total) {
      counts[result.status] += 1;
      if (result.httpStatus === null && (result.redirects?.length ?? 0) === 0) unanswered += 1;
      if (live) stream.write(`\r\x1b[2K${line(done, total)}`);
      else if (clock() - lastLine >= intervalMs || done === total) {
        stream.write(`${line(done, total)}\n`);
        lastLine = clock();
      }
    },
    finish(summary, seconds, outDir, inconclusive = false) {
      if (live) stream.write("\r\x1b[2K");
      const why = inconclusive ? " (inconclusive: no request got an HTTP answer, so every resource counts as error)" : "";
      stream.write(`done in ${seconds.toFixed(1)} s: ${tally(summary)}${why}; report in ${outDir}/report.md\n`);
    },
  };
}

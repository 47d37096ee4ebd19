// Progress on stderr: a live line on a terminal, plain lines every few seconds elsewhere (CI logs).
import type { CheckResult, LinkStatus } from "@td/schema";

export interface Progress {
  onResult(result: CheckResult, done: number, total: number): void;
  finish(summary: Record<LinkStatus, number>, seconds: number, outDir: string): void;
}

export function createProgress(stream: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }, intervalMs = 5000, clock = Date.now): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  const counts: Record<LinkStatus, number> = { ok: 0, redirected: 0, moved: 0, broken: 0, error: 0 };
  // Results without any HTTP answer are counted apart while the run goes on: if every result is
  // one, the run is inconclusive and none of them is judged.
  let unanswered = 0;
  let lastLine = clock();
  const line = (done: number, total: number) =>
    `checked ${done}/${total}: ${counts.ok} ok, ${counts.redirected} redirected, ${counts.moved} moved, ${counts.broken} broken, ${counts.error} error${
      unanswered > 0 ? `, ${unanswered} without an HTTP answer` : ""
    }`;
  return {
    onResult(result, done, total) {
      if (result.httpStatus === null && (result.redirects?.length ?? 0) === 0) unanswered += 1;
      else counts[result.status] += 1;
      if (live) stream.write(`\r\x1b[2K${line(done, total)}`);
      else if (clock() - lastLine >= intervalMs || done === total) {
        stream.write(`${line(done, total)}\n`);
        lastLine = clock();
      }
    },
    finish(summary, seconds, outDir) {
      if (live) stream.write("\r\x1b[2K");
      stream.write(
        `done in ${seconds.toFixed(1)} s: ${summary.ok} ok, ${summary.redirected} redirected, ${summary.moved} moved, ${summary.broken} broken, ${summary.error} error; report in ${outDir}/report.md\n`,
      );
    },
  };
}

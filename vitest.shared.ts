// The one vitest configuration of the monorepo: every package's vitest.config.ts re-exports it,
// so timeouts and worker counts are set here and nowhere else.
//
// Timeouts are a last resort against a hung test, never part of what a test checks: no test may
// pass or fail by how fast the machine is. They are generous because a 2-core machine that is
// also running a benchmark can be five times slower than an idle one.
// Workers: turbo runs one package at a time (`npm test` passes --concurrency=1), and that package
// gets one worker per core, so the suite never runs more test processes than the machine has cores.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const cores = Math.max(1, availableParallelism());

export default defineConfig({
  test: {
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
    // Processes, not threads: a test that starts servers, children or a browser is isolated in its
    // own process, and a command run in-process can read process.env and process.exitCode safely.
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: cores } },
    // Fail on a test file that finds no tests (a typo in a filter must not pass as "green").
    passWithNoTests: false,
  },
});

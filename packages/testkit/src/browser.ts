// A real browser for the page's tests: Debian's chromium (or the one CHROMIUM_PATH names) driven by
// playwright-core; never a downloaded browser. Without one, the tests say they are skipped and why.
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAS_BROWSER = existsSync(CHROMIUM);
export const NO_BROWSER_REASON = `skipped: no browser at ${CHROMIUM} (install Debian's chromium, as .ci/run does, or set CHROMIUM_PATH)`;

/** Flags for a headless run on a machine with a closed network (as the environment notes advise). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

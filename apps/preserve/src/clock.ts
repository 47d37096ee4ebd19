// Time as the run sees it. Pacing waits and the time limit go through a Clock so the tests can run
// a run of many minutes in no time, deterministically; the product uses the real one.
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

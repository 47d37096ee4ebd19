// The web archive's doorkeeper for one run. The archive is shared and rate-limited (about 60
// requests a minute for its CDX API, averaged over five minutes), so every lookup waits for its
// turn at a steady pace; a 429 or a block (403) stops lookups for the rest of the run (a 429's
// Retry-After is kept for the next run); a few lookups in a row without any HTTP answer (offline,
// DNS, refused) trip a breaker; and once the run has waited long enough for it, the lookups still
// queued are given up and those in flight are abandoned (aborted), so the wait is what it says.
// Waiting lookups never hold anything else up: they only wait for each other.
export type ArchiveState = "open" | "offline" | "rate-limited" | "blocked";

export interface GateOptions {
  /** Least time between two lookups. */
  intervalMs: number;
  /** Lookups in flight at once (the per-host limit). */
  maxInFlight?: number;
  /** Lookups in a row without an HTTP answer that close the archive for the run. */
  maxNoAnswer?: number;
  now?: () => number;
}

/** What became of one lookup: `made` is false when it was never sent, or abandoned at the deadline. */
export interface GateOutcome<T> {
  value: T | undefined;
  made: boolean;
}

export interface LookupAnswer<T> {
  value: T | undefined;
  /** The HTTP status, or null when the request got no HTTP answer at all. */
  status: number | null;
  retryAfterMs?: number | undefined;
}

export class ArchiveGate {
  state: ArchiveState = "open";
  /** Requests sent, and lookups given up without sending. */
  sent = 0;
  skipped = 0;
  /** After a 429: the time the archive asked us to wait for. */
  until: number | undefined;
  private readonly queue: { resolve: (go: boolean) => void; wanted: () => boolean }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private deadline = Number.POSITIVE_INFINITY;
  private noAnswer = 0;
  private inFlight = 0;
  private readonly now: () => number;
  private readonly maxNoAnswer: number;
  /** Aborts the lookups in flight when the run's wait for the archive is over. */
  private readonly stop = new AbortController();
  private stopTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GateOptions) {
    this.now = options.now ?? Date.now;
    this.maxNoAnswer = options.maxNoAnswer ?? 3;
  }

  /**
   * Sends when its turn comes; undefined, without sending, once the archive is closed or out of
   * time, or when `wanted` says at its turn that the answer is no longer needed.
   */
  async run<T>(send: (signal: AbortSignal) => Promise<LookupAnswer<T>>, wanted: () => boolean = () => true): Promise<GateOutcome<T>> {
    if (!(await this.turn(wanted))) {
      return { value: undefined, made: false };
    }
    this.sent += 1;
    this.inFlight += 1;
    let answer: LookupAnswer<T>;
    try {
      answer = await send(this.stop.signal);
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
    // Abandoned at the deadline: no answer came in time, which says nothing of the archive's health.
    if (this.stop.signal.aborted) {
      this.skipped += 1;
      return { value: undefined, made: false };
    }
    if (answer.status === null) {
      this.noAnswer += 1;
      if (this.noAnswer >= this.maxNoAnswer) this.close("offline");
    } else {
      this.noAnswer = 0;
      if (answer.status === 429) {
        this.until = this.now() + (answer.retryAfterMs ?? 60_000);
        this.close("rate-limited");
      } else if (answer.status === 403) {
        this.close("blocked");
      }
    }
    return { value: answer.value, made: true };
  }

  /** Lookups still queued when `deadline` comes (or whose turn would come later) are given up. */
  closeAt(deadline: number): void {
    this.deadline = deadline;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => this.stop.abort(), Math.max(0, deadline - this.now()));
    this.stopTimer.unref();
    this.pump();
  }

  /** Ends the gate's own timers once the run is over. */
  dispose(): void {
    clearTimeout(this.stopTimer);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(state: Exclude<ArchiveState, "open">): void {
    if (this.state === "open") this.state = state;
    this.pump();
  }

  private turn(wanted: () => boolean): Promise<boolean> {
    if (this.state !== "open") {
      this.skipped += 1;
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      this.queue.push({ resolve, wanted });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    // A turn is only given when a lookup can really go out: queued at the host, it could no longer be given up.
    if (this.state === "open" && this.inFlight >= (this.options.maxInFlight ?? 2) && this.now() <= this.deadline) return;
    // Turns no longer wanted are let go at once, without waiting or sending.
    for (let i = this.queue.length - 1; i >= 0; i--) if (!this.queue[i]!.wanted()) this.queue.splice(i, 1)[0]!.resolve(false);
    if (this.queue.length === 0) return;
    const wait = Math.max(0, this.lastStart + this.options.intervalMs - this.now());
    if (this.state !== "open" || this.now() + wait > this.deadline) {
      for (const turn of this.queue.splice(0)) {
        this.skipped += 1;
        turn.resolve(false);
      }
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = this.queue.shift();
      if (next !== undefined) {
        if (!next.wanted()) {
          next.resolve(false);
        } else if (this.state !== "open" || this.now() > this.deadline) {
          this.skipped += 1;
          next.resolve(false);
        } else if (this.inFlight >= (this.options.maxInFlight ?? 2)) {
          this.queue.unshift(next);
        } else {
          this.lastStart = this.now();
          next.resolve(true);
        }
      }
      this.pump();
    }, wait);
  }
}

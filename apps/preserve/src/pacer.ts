// Spacing for one kind of request: at least `gapMs` between two, and at most `perWindow` within any
// `windowMs` (the archive's "4 captures a minute" is both). Pure bookkeeping over a Clock.
import type { Clock } from "./clock.ts";

export interface PaceRule {
  gapMs: number;
  perWindow: number;
  windowMs: number;
}

export class Pacer {
  private readonly starts: number[] = [];

  constructor(
    private readonly rule: PaceRule,
    private readonly clock: Clock,
  ) {}

  /** When the next request may start (now, or later). */
  nextAt(): number {
    const { gapMs, perWindow, windowMs } = this.rule;
    const last = this.starts.at(-1);
    let at = Math.max(this.clock.now(), last === undefined ? Number.NEGATIVE_INFINITY : last + gapMs);
    const nth = this.starts.at(-perWindow);
    if (this.starts.length >= perWindow && nth !== undefined) at = Math.max(at, nth + windowMs);
    return at;
  }

  /** Waits for the request's turn and counts it as started; false (without waiting) when the turn comes after `deadline`. */
  async turn(deadline: number): Promise<boolean> {
    const at = this.nextAt();
    if (at > deadline) return false;
    const wait = at - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
    this.starts.push(this.clock.now());
    if (this.starts.length > this.rule.perWindow) this.starts.shift();
    return true;
  }
}

// The extra requests one resource may spend on finding its new home. Never exceeded: a fetch
// is only started when it fits, and its redirects are bounded by what is left. Part of it can be
// held back for a later step (the web archive), so earlier steps cannot use it all.
export class RequestBudget {
  private used = 0;
  private held = 0;
  constructor(readonly limit: number) {}
  get remaining(): number {
    return this.limit - this.used - this.held;
  }
  get spent(): number {
    return this.used;
  }
  spend(): void {
    if (this.remaining < 1) throw new Error("request budget exceeded (a bug: fetches must check the budget first)");
    this.used += 1;
  }
  /** Holds back up to `n` requests from what remains. */
  hold(n: number): void {
    this.held += Math.max(0, Math.min(n, this.remaining));
  }
  /** Gives the held requests back. */
  release(): void {
    this.held = 0;
  }
}

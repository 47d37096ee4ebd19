// The extra requests one resource may spend on finding its new home. Never exceeded: a fetch
// is only started when it fits, and its redirects are bounded by what is left. A share of it can
// be split off for another part of the search (the web archive), so neither can use up the other's.
export class RequestBudget {
  private used = 0;
  constructor(
    private limit: number,
    private readonly parent?: RequestBudget,
  ) {}
  get remaining(): number {
    return this.limit - this.used;
  }
  get spent(): number {
    return this.used;
  }
  spend(): void {
    if (this.remaining < 1) throw new Error("request budget exceeded (a bug: fetches must check the budget first)");
    this.used += 1;
  }
  /** A budget of its own for up to `n` of the requests that remain, taken from this one. */
  split(n: number): RequestBudget {
    const share = Math.max(0, Math.min(n, this.remaining));
    this.limit -= share;
    return new RequestBudget(share, this);
  }

  /** Gives what a split budget did not spend back to the budget it was split from (once its fetches are done). */
  release(): void {
    if (this.parent === undefined) return;
    this.parent.limit += this.remaining;
    this.limit = this.used;
  }
}

// The extra requests one resource may spend on finding its new home. Never exceeded: a fetch
// is only started when it fits, and its redirects are bounded by what is left.
export class RequestBudget {
  private used = 0;
  constructor(readonly limit: number) {}
  get remaining(): number {
    return this.limit - this.used;
  }
  get spent(): number {
    return this.used;
  }
  spend(): void {
    if (this.used >= this.limit) throw new Error("request budget exceeded (a bug: fetches must check the budget first)");
    this.used += 1;
  }
}

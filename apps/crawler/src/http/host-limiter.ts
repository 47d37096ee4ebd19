// Politeness and the global limit, both per request: a request first waits for a slot on its
// host (at most `perHost` in flight there), then for one of the `concurrency` global slots. A
// request waiting for its host holds no global slot, so busy hosts never leave others idle.
import pLimit, { type LimitFunction } from "p-limit";

export class HostLimiter {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly global: LimitFunction;

  constructor(
    private readonly perHost: number,
    concurrency: number = Number.POSITIVE_INFINITY,
  ) {
    this.global = pLimit(concurrency);
  }

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    let limit = this.limits.get(host);
    if (limit === undefined) {
      limit = pLimit(this.perHost);
      this.limits.set(host, limit);
    }
    return limit(() => this.global(task));
  }
}

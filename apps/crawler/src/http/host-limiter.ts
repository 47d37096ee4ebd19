// Politeness: at most `perHost` requests in flight to one host, whatever the global concurrency.
import pLimit, { type LimitFunction } from "p-limit";

export class HostLimiter {
  private readonly limits = new Map<string, LimitFunction>();
  constructor(private readonly perHost: number) {}

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    let limit = this.limits.get(host);
    if (limit === undefined) {
      limit = pLimit(this.perHost);
      this.limits.set(host, limit);
    }
    return limit(task);
  }
}

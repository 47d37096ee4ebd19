// The web archive for one run: the CDX API (lookups), replayed captures (to judge them), and Save
// Page Now 2 (saves and their jobs). Every request waits for its pacer, counts towards the run's
// condition and respects the run's deadline. A 429 stops every request for the run (its
// Retry-After kept); three requests in a row without any HTTP answer stop them too (offline);
// refused keys stop saves only; a 403 to lookups stops lookups (blocked).
import type { IncomingHttpHeaders } from "node:http";
import { parseRetryAfter } from "@td/crawler";
import type { Preserve } from "@td/schema";
import { send, type ArchiveAnswer, type SendOptions } from "./archive-http.ts";
import type { Clock } from "./clock.ts";
import { Pacer, type PaceRule } from "./pacer.ts";

export type ArchiveState = Preserve["archive"]["state"];
type RequestKind = keyof Preserve["archive"]["requests"];

export interface SessionSettings {
  base: string;
  /** "access:secret", or undefined: lookups only. */
  keys: { access: string; secret: string } | undefined;
  userAgent: string;
  /** Lookups and capture reads share one pace; saves have their own (retries included); job polls their own. */
  lookupPace: PaceRule;
  savePace: PaceRule;
  pollPace: PaceRule;
  requestTimeoutMs: number;
  deadline: number;
  clock: Clock;
  /** Requests in a row without an HTTP answer that end the attempt. */
  maxNoAnswer?: number;
}

/** A request that was not sent: the archive stopped answering or limited us, or the run is out of time. */
export type NotSent = { sent: false; why: "stopped" | "time" };
export type Asked = { sent: true; answer: ArchiveAnswer | undefined; problem?: string };

export class ArchiveSession {
  state: ArchiveState = "open";
  until: number | undefined;
  readonly requests: Record<RequestKind, number> = { cdx: 0, capture: 0, save: 0, status: 0 };
  private noAnswer = 0;
  private readonly lookups: Pacer;
  private readonly saves: Pacer;
  private readonly polls: Pacer;

  constructor(readonly settings: SessionSettings) {
    this.lookups = new Pacer(settings.lookupPace, settings.clock);
    this.saves = new Pacer(settings.savePace, settings.clock);
    this.polls = new Pacer(settings.pollPace, settings.clock);
  }

  get canSave(): boolean {
    return this.settings.keys !== undefined && this.state === "open";
  }

  get canLookUp(): boolean {
    return this.state === "open" || this.state === "unauthorized";
  }

  timeLeft(): number {
    return this.settings.deadline - this.settings.clock.now();
  }

  /** The time a save would start at, for deciding whether one still fits. */
  nextSaveAt(): number {
    return this.saves.nextAt();
  }

  async cdx(params: Record<string, string>): Promise<NotSent | Asked> {
    const url = new URL(`${this.settings.base}/cdx/search/cdx`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return this.ask("cdx", url.href, { maxBytes: 1024 * 1024 }, this.lookups, this.canLookUp);
  }

  /** The capture as the site served it (the `id_` form: no banner, no rewritten links). */
  async capture(timestamp: string, original: string): Promise<NotSent | Asked> {
    return this.ask("capture", `${this.settings.base}/web/${timestamp}id_/${original}`, { maxBytes: 64 * 1024 }, this.lookups, this.canLookUp);
  }

  async save(url: string): Promise<NotSent | Asked> {
    const body = new URLSearchParams({ url, skip_first_archive: "1" }).toString();
    return this.ask(
      "save",
      `${this.settings.base}/save`,
      { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...this.auth() }, maxBytes: 64 * 1024 },
      this.saves,
      this.canSave,
    );
  }

  async status(jobId: string): Promise<NotSent | Asked> {
    return this.ask("status", `${this.settings.base}/save/status/${encodeURIComponent(jobId)}`, { headers: this.auth(), maxBytes: 64 * 1024 }, this.polls, this.canSave);
  }

  private auth(): Record<string, string> {
    const keys = this.settings.keys;
    return keys ? { authorization: `LOW ${keys.access}:${keys.secret}` } : {};
  }

  private async ask(kind: RequestKind, url: string, options: Omit<SendOptions, "timeoutMs">, pacer: Pacer, allowed: boolean): Promise<NotSent | Asked> {
    if (!allowed) return { sent: false, why: "stopped" };
    // A request must be able to finish before the deadline, not merely start.
    if (!(await pacer.turn(this.settings.deadline - this.settings.requestTimeoutMs))) return { sent: false, why: "time" };
    this.requests[kind] += 1;
    const sent = await send(url, {
      ...options,
      headers: { accept: "application/json", "user-agent": this.settings.userAgent, ...options.headers },
      timeoutMs: this.settings.requestTimeoutMs,
    });
    if (sent.answer === undefined) {
      this.noAnswer += 1;
      if (this.noAnswer >= (this.settings.maxNoAnswer ?? 3)) this.stop("offline");
      return { sent: true, answer: undefined, problem: sent.problem };
    }
    this.noAnswer = 0;
    const { status, headers } = sent.answer;
    if (status === 429) {
      this.until = this.settings.clock.now() + (parseRetryAfter(header(headers, "retry-after"), this.settings.clock.now()) ?? 60_000);
      this.stop("rate-limited");
    } else if ((status === 401 || status === 403) && (kind === "save" || kind === "status")) {
      this.stop("unauthorized");
    } else if (status === 403) {
      this.stop("blocked");
    }
    return { sent: true, answer: sent.answer };
  }

  private stop(state: Exclude<ArchiveState, "open">): void {
    // The first reason stands, except that refused keys still leave lookups open, and a later
    // stop of lookups ends those too.
    if (this.state === "open" || (this.state === "unauthorized" && state !== "unauthorized")) this.state = state;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// A local web archive (for the preserve tests and its benchmark) that answers like the Wayback Machine's CDX API, its `id_` replay and Save
// Page Now 2 (POST /save with "Authorization: LOW key:secret", GET /save/status/JOB), with a
// behaviour per URL for each scenario. Time is the test's virtual clock, so capture timestamps
// and the log of requests line up with the run's pacing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A clock that only moves when the run waits: minutes of pacing pass in no time. */
export function virtualClock(start = Date.parse("2026-12-01T06:00:00Z")): FakeClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export interface StoredCapture {
  timestamp: string;
  status: number;
  mimetype: string;
  body: Buffer;
}

export interface SaveBehaviour {
  /** Status polls answered "pending" before the job ends. */
  polls?: number;
  /** How the job ends. */
  result?: "success" | "error";
  statusExt?: string;
  /** Whether a capture really appears in the index (whatever the job says). */
  captures?: boolean;
  /** What the capture holds (default: the URL's live body). */
  capture?: { status: number; mimetype: string; body: Buffer };
  /** Times the save request is answered error:user-session-limit first. */
  sessionLimit?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  at: number;
  authorization: string | undefined;
}

export interface FakeArchiveOptions {
  clock: FakeClock;
  keys?: { access: string; secret: string };
}

export const PDF = (text = "the report") => Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << >>\n%%EOF\n`);
export const PAGE = (title: string, text = "About this training.") => Buffer.from(`<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`);

export class FakeArchive {
  readonly captures = new Map<string, StoredCapture[]>();
  readonly behaviours = new Map<string, SaveBehaviour>();
  /** What a capture made now would hold, per URL. */
  readonly live = new Map<string, { status: number; mimetype: string; body: Buffer }>();
  readonly log: LoggedRequest[] = [];
  /** Answer every request after this many with 429 and this Retry-After. */
  rateLimit: { after: number; retryAfter: string } | undefined;
  /** Never answer (a hung archive). */
  hang = false;
  private readonly jobs = new Map<string, { url: string; polls: number; behaviour: SaveBehaviour }>();
  private sessionLimits = new Map<string, number>();
  private server: Server | undefined;
  private jobCount = 0;
  base = "";

  constructor(private readonly options: FakeArchiveOptions) {}

  static timestamp(ms: number): string {
    return new Date(ms).toISOString().replace(/\D/g, "").slice(0, 14);
  }

  addCapture(url: string, at: string | number, capture: Partial<StoredCapture> = {}): void {
    const timestamp = typeof at === "number" ? FakeArchive.timestamp(at) : at;
    const list = this.captures.get(url) ?? [];
    list.push({ timestamp, status: 200, mimetype: "application/pdf", body: PDF(), ...capture });
    this.captures.set(url, list);
  }

  saves(): LoggedRequest[] {
    return this.log.filter((r) => r.method === "POST" && r.path === "/save");
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    this.log.push({ method: req.method ?? "GET", path: url.pathname, at: this.options.clock.now(), authorization: req.headers.authorization });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.hang) return;
    if (this.rateLimit && this.log.length > this.rateLimit.after) {
      res.writeHead(429, { "retry-after": this.rateLimit.retryAfter, "content-type": "text/html" }).end("<h1>Too Many Requests</h1>");
      return;
    }
    if (url.pathname === "/cdx/search/cdx") return this.cdx(url, res);
    const replay = /^\/web\/(\d{14})id_\/(.+)$/.exec(url.pathname + url.search);
    if (replay) return this.replay(replay[1]!, replay[2]!, res);
    if (url.pathname === "/save" && req.method === "POST") return this.save(req, Buffer.concat(chunks).toString("utf8"), res);
    const status = /^\/save\/status\/(.+)$/.exec(url.pathname);
    if (status) return this.status(req, decodeURIComponent(status[1]!), res);
    res.writeHead(404).end();
  }

  private cdx(url: URL, res: ServerResponse): void {
    const target = url.searchParams.get("url") ?? "";
    const fields = (url.searchParams.get("fl") ?? "urlkey,timestamp,original,mimetype,statuscode,digest,length").split(",");
    const from = url.searchParams.get("from");
    const filter = url.searchParams.get("filter");
    const limit = Number(url.searchParams.get("limit") ?? "0");
    let rows = [...(this.captures.get(target) ?? [])].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    if (from) rows = rows.filter((r) => r.timestamp >= from.padEnd(14, "0"));
    if (filter === "statuscode:200") rows = rows.filter((r) => r.status === 200);
    if (limit < 0) rows = rows.slice(limit);
    else if (limit > 0) rows = rows.slice(0, limit);
    if (rows.length === 0) {
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
      return;
    }
    const value = (r: StoredCapture, f: string) => ({ timestamp: r.timestamp, original: target, mimetype: r.mimetype, statuscode: String(r.status), digest: "D", length: String(r.body.length), urlkey: target })[f] ?? "";
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([fields, ...rows.map((r) => fields.map((f) => value(r, f)))]));
  }

  private replay(timestamp: string, original: string, res: ServerResponse): void {
    const capture = this.captures.get(original)?.find((c) => c.timestamp === timestamp);
    if (!capture) {
      res.writeHead(404).end("not in the archive");
      return;
    }
    res.writeHead(capture.status, { "content-type": capture.mimetype, "x-archive-orig-content-type": capture.mimetype, "x-archive-src": "spn2" }).end(capture.body);
  }

  private authorized(req: IncomingMessage): boolean {
    const keys = this.options.keys;
    return keys !== undefined && req.headers.authorization === `LOW ${keys.access}:${keys.secret}`;
  }

  private save(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (!this.authorized(req)) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "You need to be logged in to use Save Page Now.", status: "error", status_ext: "error:unauthorized" }));
      return;
    }
    const url = new URLSearchParams(body).get("url") ?? "";
    const behaviour = this.behaviours.get(url) ?? {};
    const limited = this.sessionLimits.get(url) ?? 0;
    if (limited < (behaviour.sessionLimit ?? 0)) {
      this.sessionLimits.set(url, limited + 1);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", status_ext: "error:user-session-limit", message: "You have already reached the limit of active sessions." }));
      return;
    }
    const jobId = `spn2-${(this.jobCount += 1).toString(16).padStart(8, "0")}`;
    this.jobs.set(jobId, { url, polls: 0, behaviour });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url, job_id: jobId }));
  }

  private status(req: IncomingMessage, jobId: string, res: ServerResponse): void {
    if (!this.authorized(req)) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "Unauthorized", status: "error" }));
      return;
    }
    const job = this.jobs.get(jobId);
    if (!job) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", message: "no such job" }));
      return;
    }
    const { behaviour } = job;
    job.polls += 1;
    if (job.polls <= (behaviour.polls ?? 1)) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "pending", job_id: jobId, resources: [] }));
      return;
    }
    const timestamp = FakeArchive.timestamp(this.options.clock.now() - 5000);
    if (behaviour.captures ?? behaviour.result !== "error") {
      const made = behaviour.capture ?? this.live.get(job.url) ?? { status: 200, mimetype: "application/pdf", body: PDF() };
      if (!this.captures.get(job.url)?.some((c) => c.timestamp === timestamp)) this.addCapture(job.url, timestamp, made);
    }
    if ((behaviour.result ?? "success") === "success") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "success", job_id: jobId, original_url: job.url, timestamp, duration_sec: 6.2 }));
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", job_id: jobId, status_ext: behaviour.statusExt ?? "error:service-unavailable", message: "The capture failed." }));
    }
  }
}

// A local server that answers like GitHub's REST API for the endpoints the reporter uses:
// issues (list with labels and pagination, create, update), comments, labels, errors and
// rate-limit answers. Its state can be inspected by the tests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  state_reason: string | null;
  comments: string[];
  pull_request?: object;
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export interface FakeGitHub {
  url: string;
  issues: Map<number, FakeIssue>;
  labels: Set<string>;
  requests: { method: string; path: string; auth: string | undefined }[];
  failures: Failure[];
  writes(): number;
  open(label?: string): FakeIssue[];
  close(): Promise<void>;
}

const REPO = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;

export async function startFakeGitHub(options: { token: string; perPage?: number }): Promise<FakeGitHub> {
  const fake: FakeGitHub = {
    url: "",
    issues: new Map(),
    labels: new Set(),
    requests: [],
    failures: [],
    writes: () => fake.requests.filter((r) => r.method !== "GET").length,
    open: (label) => [...fake.issues.values()].filter((i) => i.state === "open" && (label === undefined || i.labels.includes(label))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const maxPerPage = options.perPage ?? 100;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const body = await readJson(req);
    fake.requests.push({ method: req.method ?? "", path: url.pathname + url.search, auth: req.headers.authorization });
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(JSON.stringify(data));
    };
    const failure = fake.failures.find((f) => f.times > 0 && f.method === req.method && f.path.test(url.pathname));
    if (failure) {
      failure.times -= 1;
      return reply(failure.status, failure.body ?? { message: "Server Error" }, failure.headers);
    }
    if (req.headers.authorization !== `token ${options.token}`) return reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const match = REPO.exec(url.pathname);
    if (!match) return reply(404, { message: "Not Found" });
    const rest = match[3] ?? "";
    const base = `${fake.url}/repos/${match[1]}/${match[2]}`;

    if (req.method === "GET" && rest === "/issues") {
      const labels = (url.searchParams.get("labels") ?? "").split(",").filter((l) => l !== "");
      const state = url.searchParams.get("state") ?? "open";
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), maxPerPage);
      const page = Number(url.searchParams.get("page") ?? 1);
      const all = [...fake.issues.values()]
        .filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url.href.replace("http://x", base.replace(/\/repos\/.*/, "")));
        next.searchParams.set("page", String(page + 1));
        next.searchParams.set("per_page", String(perPage));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return reply(200, slice.map((i) => toJson(i)), headers);
    }
    if (req.method === "POST" && rest === "/issues") {
      const number = fake.issues.size + 1;
      const b = body as { title: string; body?: string; labels?: string[] };
      const issue: FakeIssue = { number, title: b.title, body: b.body ?? "", labels: b.labels ?? [], state: "open", state_reason: null, comments: [] };
      fake.issues.set(number, issue);
      for (const l of issue.labels) fake.labels.add(l);
      return reply(201, toJson(issue));
    }
    const issueMatch = /^\/issues\/(\d+)(\/comments)?$/.exec(rest);
    if (issueMatch) {
      const issue = fake.issues.get(Number(issueMatch[1]));
      if (!issue) return reply(404, { message: "Not Found" });
      if (req.method === "PATCH" && !issueMatch[2]) {
        const b = body as Partial<{ title: string; body: string; labels: string[]; state: "open" | "closed"; state_reason: string }>;
        if (b.title !== undefined) issue.title = b.title;
        if (b.body !== undefined) issue.body = b.body;
        if (b.labels !== undefined) issue.labels = b.labels;
        if (b.state !== undefined) issue.state = b.state;
        if (b.state_reason !== undefined) issue.state_reason = b.state_reason;
        return reply(200, toJson(issue));
      }
      if (req.method === "POST" && issueMatch[2]) {
        issue.comments.push((body as { body: string }).body);
        return reply(201, { id: issue.comments.length, body: (body as { body: string }).body });
      }
    }
    if (req.method === "POST" && rest === "/labels") {
      const name = (body as { name: string }).name;
      if (fake.labels.has(name)) return reply(422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] });
      fake.labels.add(name);
      return reply(201, { name });
    }
    return reply(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function toJson(i: FakeIssue) {
  return { number: i.number, title: i.title, body: i.body, state: i.state, labels: i.labels.map((name) => ({ name })), ...(i.pull_request ? { pull_request: i.pull_request } : {}) };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

export type { ServerResponse };

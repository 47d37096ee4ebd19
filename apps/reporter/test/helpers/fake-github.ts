// A local server that answers like GitHub's REST API for the endpoints the reporter uses:
// issues (list by state, labels and `since`, with pagination; get one with closed_by; create,
// update, close with a reason, reopen), comments (list, create, edit, delete), labels (list,
// create; names without case), errors and rate-limit answers, bodies over 65,536 refused. Every
// request and every answer is checked against GitHub's official OpenAPI description
// (openapi.ts): what does not match is recorded in `violations`, which the tests require empty.
// Its state can be inspected and changed by the tests (a maintainer closing an issue, say).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openApiJudge } from "./openapi.ts";

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  state_reason: string | null;
  closed_at: string | null;
  closed_by: { login: string; type: "User" | "Bot" } | null;
  updated_at: string;
  comments: string[];
  /** The comments' ids, in the same order. */
  commentIds: number[];
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
  /** Requests and answers that GitHub's OpenAPI description does not allow. */
  violations: string[];
  failures: Failure[];
  writes(): number;
  open(label?: string): FakeIssue[];
  /** A maintainer closes an issue in the web UI. */
  closeAsPerson(number: number, reason: "completed" | "not_planned" | "duplicate"): void;
  /** A bot (actions/stale, another workflow) closes an issue. */
  closeAsBot(number: number, reason: "completed" | "not_planned", login?: string): void;
  /** A maintainer reopens an issue. */
  reopenAsPerson(number: number): void;
  close(): Promise<void>;
}

const REPO = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;

export async function startFakeGitHub(options: { token: string; perPage?: number }): Promise<FakeGitHub> {
  const fake: FakeGitHub = {
    url: "",
    issues: new Map(),
    labels: new Set(),
    requests: [],
    violations: [],
    failures: [],
    writes: () => fake.requests.filter((r) => r.method !== "GET").length,
    open: (label) => [...fake.issues.values()].filter((i) => i.state === "open" && (label === undefined || i.labels.some((l) => l.toLowerCase() === label.toLowerCase()))),
    closeAsPerson: (number, reason) => {
      const issue = fake.issues.get(number)!;
      Object.assign(issue, { state: "closed", state_reason: reason, closed_at: now(), updated_at: now(), closed_by: { login: "maintainer", type: "User" } });
    },
    closeAsBot: (number, reason, login = "github-actions[bot]") => {
      const issue = fake.issues.get(number)!;
      Object.assign(issue, { state: "closed", state_reason: reason, closed_at: now(), updated_at: now(), closed_by: { login, type: "Bot" } });
    },
    reopenAsPerson: (number) => {
      const issue = fake.issues.get(number)!;
      Object.assign(issue, { state: "open", state_reason: "reopened", closed_at: null, updated_at: now() });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const maxPerPage = options.perPage ?? 100;
  /** An issue's labels as GitHub keeps them: a repository label in its own spelling, whatever the case asked for. */
  const spell = (names: readonly string[]) =>
    names.map((n) => {
      const existing = [...fake.labels].find((l) => l.toLowerCase() === n.toLowerCase());
      if (existing === undefined) fake.labels.add(n);
      return existing ?? n;
    });

  let nextCommentId = 1000;
  /** GitHub refuses a body or comment over 65,536 characters. */
  const tooLong = (text: unknown) => typeof text === "string" && text.length > 65_536;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const body = await readJson(req);
    fake.requests.push({ method: req.method ?? "", path: url.pathname + url.search, auth: req.headers.authorization });
    const judge = openApiJudge();
    fake.violations.push(...judge.checkRequest(req.method ?? "GET", url.pathname, body));
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      // Rate-limit and failure answers are the test's own; the rest must be what GitHub returns.
      if (!fake.failures.some((f) => f.status === status)) fake.violations.push(...judge.checkResponse(req.method ?? "GET", url.pathname, status, data));
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
      // GitHub compares label names without case.
      const labels = (url.searchParams.get("labels") ?? "").split(",").filter((l) => l !== "").map((l) => l.toLowerCase());
      const state = url.searchParams.get("state") ?? "open";
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), maxPerPage);
      const page = Number(url.searchParams.get("page") ?? 1);
      const since = url.searchParams.get("since");
      const all = [...fake.issues.values()]
        .filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)) && (since === null || i.updated_at >= since))
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
    if ((req.method === "POST" || req.method === "PATCH") && tooLong((body as { body?: unknown } | undefined)?.body)) {
      return reply(422, { message: "Validation Failed", errors: [{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }], documentation_url: "https://docs.github.com/rest/issues/issues" });
    }
    const commentMatch = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (commentMatch) {
      const id = Number(commentMatch[1]);
      const issue = [...fake.issues.values()].find((i) => i.commentIds.includes(id));
      if (!issue) return reply(404, { message: "Not Found" });
      const at = issue.commentIds.indexOf(id);
      if (req.method === "PATCH") {
        issue.comments[at] = (body as { body: string }).body;
        return reply(200, commentJson(issue.number, id, issue.comments[at]!));
      }
      if (req.method === "DELETE") {
        issue.comments.splice(at, 1);
        issue.commentIds.splice(at, 1);
        res.writeHead(204);
        return res.end();
      }
    }
    if (req.method === "POST" && rest === "/issues") {
      const number = fake.issues.size + 1;
      const b = body as { title: string; body?: string; labels?: string[] };
      const issue: FakeIssue = { number, title: b.title, body: b.body ?? "", labels: spell(b.labels ?? []), state: "open", state_reason: null, closed_at: null, closed_by: null, updated_at: now(), comments: [], commentIds: [] };
      fake.issues.set(number, issue);
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
        if (b.labels !== undefined) issue.labels = spell(b.labels);
        if (b.state !== undefined && b.state !== issue.state) {
          issue.state = b.state;
          issue.closed_at = b.state === "closed" ? now() : null;
          issue.state_reason = b.state === "closed" ? "completed" : "reopened";
          // The workflow's GITHUB_TOKEN acts as github-actions[bot].
          issue.closed_by = b.state === "closed" ? { login: "github-actions[bot]", type: "Bot" } : null;
        }
        if (b.state_reason !== undefined) issue.state_reason = b.state_reason;
        issue.updated_at = now();
        return reply(200, toJson(issue));
      }
      if (req.method === "GET" && !issueMatch[2]) return reply(200, { ...toJson(issue), closed_by: issue.closed_by === null ? null : userJson(issue.closed_by.login, issue.closed_by.type) });
      if (req.method === "POST" && issueMatch[2]) {
        const id = nextCommentId++;
        issue.comments.push((body as { body: string }).body);
        issue.commentIds.push(id);
        issue.updated_at = now();
        return reply(201, commentJson(issue.number, id, (body as { body: string }).body));
      }
      if (req.method === "GET" && issueMatch[2]) {
        const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), maxPerPage);
        const page = Number(url.searchParams.get("page") ?? 1);
        const all = issue.comments.map((b, i) => commentJson(issue.number, issue.commentIds[i]!, b));
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(`${base}/issues/${issue.number}/comments`);
          next.searchParams.set("page", String(page + 1));
          next.searchParams.set("per_page", String(perPage));
          headers.link = `<${next.href}>; rel="next"`;
        }
        return reply(200, all.slice((page - 1) * perPage, page * perPage), headers);
      }
    }
    if (req.method === "GET" && rest === "/labels") {
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), maxPerPage);
      const page = Number(url.searchParams.get("page") ?? 1);
      const all = [...fake.labels].sort();
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(`${base}/labels`);
        next.searchParams.set("page", String(page + 1));
        next.searchParams.set("per_page", String(perPage));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return reply(200, all.slice((page - 1) * perPage, page * perPage).map(labelJson), headers);
    }
    if (req.method === "POST" && rest === "/labels") {
      const name = (body as { name: string }).name;
      if ([...fake.labels].some((l) => l.toLowerCase() === name.toLowerCase())) return reply(422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] });
      fake.labels.add(name);
      return reply(201, labelJson(name));
    }
    return reply(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

const API = "https://api.github.com/repos/acme/directory";

/** A user as GitHub describes one (simple-user). */
export function userJson(login: string, type: "User" | "Bot" = "User") {
  const id = [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e7, 7);
  const u = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login, id, node_id: `U_${id}`, avatar_url: `https://avatars.githubusercontent.com/u/${id}`, gravatar_id: "", url: u, html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${u}/followers`, following_url: `${u}/following{/other_user}`, gists_url: `${u}/gists{/gist_id}`, starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`, organizations_url: `${u}/orgs`, repos_url: `${u}/repos`, events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`, type, site_admin: false,
  };
}

/** A label as GitHub returns one. */
export function labelJson(name: string) {
  const id = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e7, 11);
  return { id, node_id: `LA_${id}`, url: `${API}/labels/${encodeURIComponent(name)}`, name, description: null, color: "ededed", default: false };
}

/** A comment as GitHub returns one. */
function commentJson(issue: number, id: number, body: string) {
  return { id, node_id: `IC_${id}`, url: `${API}/issues/comments/${id}`, html_url: `https://github.com/acme/directory/issues/${issue}#issuecomment-${id}`, issue_url: `${API}/issues/${issue}`, body, user: userJson("github-actions[bot]", "Bot"), created_at: "2026-11-30T06:00:00Z", updated_at: "2026-11-30T06:00:00Z", author_association: "NONE" };
}

/** The issue as the list endpoints return it (which has no closed_by: only a single issue's GET does). */
function toJson(i: FakeIssue) {
  return {
    id: 100_000 + i.number,
    node_id: `I_${i.number}`,
    url: `${API}/issues/${i.number}`,
    repository_url: API,
    labels_url: `${API}/issues/${i.number}/labels{/name}`,
    comments_url: `${API}/issues/${i.number}/comments`,
    events_url: `${API}/issues/${i.number}/events`,
    html_url: `https://github.com/acme/directory/issues/${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    user: userJson("github-actions[bot]", "Bot"),
    state: i.state,
    state_reason: i.state_reason,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: i.comments.length,
    closed_at: i.closed_at,
    created_at: "2026-11-30T06:00:00Z",
    updated_at: i.updated_at,
    author_association: "NONE",
    labels: i.labels.map(labelJson),
    ...(i.pull_request ? { pull_request: i.pull_request } : {}),
  };
}

/** Timestamps strictly increase, so `since` and ordering behave even within one millisecond. */
let clock = Date.parse("2026-11-30T06:00:00.000Z");
function now(): string {
  clock = Math.max(clock + 1, Date.now());
  return new Date(clock).toISOString();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

export type { ServerResponse };

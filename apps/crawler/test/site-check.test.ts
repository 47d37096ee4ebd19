// The published site passes our own checker: every file of a site built by `npm run site`, served
// on loopback as a static host serves it, checked by the real pipeline, is ok.
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { siteCommand } from "@td/exporter";
import { runInProcess, testdir } from "@td/testkit";
import { REPO_ROOT } from "@td/testkit";
import { check, resource } from "./helpers/check.ts";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8", ".json": "application/json", ".xml": "application/atom+xml" };

describe("the public site checked by our own checker", () => {
  it("reports every one of its files ok", async () => {
    const dir = await testdir();
    const built = await runInProcess("site", (argv, io) => siteCommand(argv, io), ["--data", join(REPO_ROOT, "data/resources.json"), "--out", join(dir, "site"), "--date", "2026-11-30"]);
    expect(built.code, built.stderr).toBe(0);
    const files = (await readdir(join(dir, "site"))).sort();
    const server = createServer(async (q, s) => {
      const name = new URL(q.url ?? "/", "http://x").pathname.replace(/^\/directory\//, "") || "index.html";
      const body = await readFile(join(dir, "site", name === "" ? "index.html" : name)).catch(() => undefined);
      if (body === undefined) return s.writeHead(404, { "content-type": "text/html" }).end("<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>");
      s.writeHead(200, { "content-type": TYPES[extname(name)] ?? "application/octet-stream", "content-length": body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    try {
      const origin = `http://127.0.0.2:${(server.address() as AddressInfo).port}/directory/`;
      const resources = files.map((f) => resource(f.replace(/[^a-z0-9]+/g, "-").replace(/-$/, ""), `${origin}${f}`, f.endsWith(".pdf") ? "pdf" : f.endsWith(".html") ? "web" : "doc"));
      const report = await check(resources);
      expect(report.results.map((r) => [r.id, r.status, r.reason])).toEqual(resources.map((r) => [r.id, "ok", "HTTP 200"]));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

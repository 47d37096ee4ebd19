import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Directory, Report, Resource, formatPath, renderDirectoryJsonSchema, summarize, toProblems } from "../src/index.ts";

const resource = {
  id: "polaris-truck-stops-at-a-glance",
  title: "Sex Trafficking at Truck Stops At-A-Glance",
  publisher: "Polaris Project",
  description: "Overview.",
  url: "https://example.org/documents/truck-stops.pdf",
  format: "pdf",
  section: "polaris-briefs",
  audiences: ["law-enforcement"],
};

describe("Resource", () => {
  it("accepts the interface example with optional fields", () => {
    const parsed = Resource.safeParse({ ...resource, sizeHint: "PDF 57KB", sha256: "a".repeat(64), sizeBytes: 58_000, textFingerprint: "simhash64:0123456789abcdef" });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ["unknown key", { ...resource, titel: "x" }, "", 'unknown key "titel"'],
    ["ftp URL", { ...resource, url: "ftp://example.org/a.pdf" }, "url", "must be an absolute http(s) URL"],
    ["relative URL", { ...resource, url: "/documents/a.pdf" }, "url", "must be an absolute http(s) URL"],
    ["bad format", { ...resource, format: "docx" }, "format", "Invalid option"],
    ["no audience", { ...resource, audiences: [] }, "audiences", "must list at least one audience"],
    ["unknown audience", { ...resource, audiences: ["police"] }, "audiences[0]", "Invalid option"],
    ["upper-case id", { ...resource, id: "Polaris" }, "id", "lowercase slug"],
    ["short sha256", { ...resource, sha256: "abc" }, "sha256", "64 lowercase hex"],
    ["fractional size", { ...resource, sizeBytes: 1.5 }, "sizeBytes", "must be a whole number of bytes"],
    ["blank title", { ...resource, title: "  " }, "title", "title must not be empty"],
    ["bad text fingerprint", { ...resource, textFingerprint: "md5:abc" }, "textFingerprint", 'must be "simhash64:" and 16 lowercase hex digits'],
  ])("rejects %s with the field and a readable message", (_name, input, path, message) => {
    const parsed = Resource.safeParse(input);
    expect(parsed.success).toBe(false);
    const problems = toProblems(parsed.error!);
    expect(problems.map((p) => (p.path.length ? formatPath(p.path) : ""))).toContain(path);
    expect(problems.map((p) => p.message).join("\n")).toContain(message);
  });

  it("reports a missing field as required", () => {
    const { publisher: _omitted, ...rest } = resource;
    const problems = toProblems(Resource.safeParse(rest).error!);
    expect(problems).toEqual([{ path: ["publisher"], message: "is required" }]);
  });
});

describe("Directory language", () => {
  const directory = { title: "T", sections: [{ id: "s", title: "S" }], resources: [] };
  it("accepts BCP 47 tags and leaves the default to the apps", () => {
    for (const language of ["en-US", "es", "fr-CA", "zh-Hant-TW"]) expect(Directory.safeParse({ ...directory, language }).success, language).toBe(true);
    expect(Directory.safeParse(directory).success).toBe(true);
  });
  it.each(["en_US", "", "e", "en-", "123"])("rejects %j with a readable message", (language) => {
    const parsed = Directory.safeParse({ ...directory, language });
    expect(parsed.success).toBe(false);
    expect(toProblems(parsed.error!)[0]).toMatchObject({ path: ["language"], message: "must be a BCP 47 language tag such as en-US" });
  });
});

describe("Report", () => {
  const result = {
    id: "a",
    url: "https://example.org/a.pdf",
    status: "moved",
    httpStatus: 404,
    finalUrl: "https://example.org/a.pdf",
    suggestedUrl: "https://example.org/new/a.pdf",
    archivedUrl: null,
    reason: "HTTP 404; same document found via sitemap.xml",
    checkedAt: "2026-11-30T06:00:03.000Z",
  } as const;
  const report = {
    schemaVersion: 1,
    startedAt: "2026-11-30T06:00:00.000Z",
    finishedAt: "2026-11-30T06:01:10.000Z",
    inconclusive: false,
    summary: { ok: 0, redirected: 0, moved: 1, broken: 0, error: 0 },
    results: [result],
  };

  it("accepts the interface example", () => {
    expect(Report.safeParse(report).success).toBe(true);
  });

  it("rejects a summary that does not count the results", () => {
    const parsed = Report.safeParse({ ...report, summary: { ...report.summary, ok: 2 } });
    expect(toProblems(parsed.error!)).toEqual([{ path: ["summary", "ok"], message: "is 2 but the results hold 0" }]);
  });

  it("rejects an unknown status", () => {
    const parsed = Report.safeParse({ ...report, results: [{ ...result, status: "gone" }] });
    expect(formatPath(toProblems(parsed.error!)[0]!.path)).toBe("results[0].status");
  });

  it("summarize counts every status", () => {
    expect(summarize([{ status: "ok" }, { status: "ok" }, { status: "error" }])).toEqual({
      ok: 2,
      redirected: 0,
      moved: 0,
      broken: 0,
      error: 1,
    });
  });
});

describe("Directory JSON Schema", () => {
  it("matches the committed data/resources.schema.json (run `npm run schema:write` after changing the schema)", async () => {
    const committed = await readFile(new URL("../../../data/resources.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(renderDirectoryJsonSchema());
  });

  it("rejects unknown keys and non-http URLs, as the zod schema does", () => {
    const schema = JSON.parse(renderDirectoryJsonSchema());
    const resourceSchema = schema.properties.resources.items;
    expect(resourceSchema.additionalProperties).toBe(false);
    expect(resourceSchema.properties.url.pattern).toBe("^https?://");
    expect(Directory.safeParse({ title: "t", sections: [{ id: "s", title: "S" }], resources: [], extra: 1 }).success).toBe(false);
  });
});

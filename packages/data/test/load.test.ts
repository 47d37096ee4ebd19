import { describe, expect, it } from "vitest";
import { formatProblem, loadDirectoryFile, validateDirectoryText } from "../src/index.ts";
import { testdir } from "@td/testkit";
import { join } from "node:path";

const good = {
  title: "Training Resources for Law Enforcement",
  sections: [
    { id: "guides", title: "Guides" },
    { id: "videos", title: "Videos" },
  ],
  resources: [
    {
      id: "first-guide",
      title: "First Guide",
      publisher: "UNODC",
      description: "",
      url: "https://example.org/first.pdf",
      format: "pdf",
      section: "guides",
      audiences: ["law-enforcement"],
    },
    {
      id: "second-video",
      title: "Second Video",
      publisher: "DHS",
      description: "A video.",
      url: "https://example.org/video",
      format: "video",
      section: "videos",
      audiences: ["law-enforcement"],
    },
  ],
};

type Mutable = { resources: Record<string, unknown>[] } & Record<string, unknown>;
function withChange(change: (d: Mutable) => void): string {
  const copy = structuredClone(good) as unknown as Mutable;
  change(copy);
  return JSON.stringify(copy, null, 2);
}

function lines(text: string): string[] {
  const result = validateDirectoryText(text, "data.json");
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  return result.problems.map(formatProblem);
}

describe("validateDirectoryText", () => {
  it("accepts valid data and returns the directory", () => {
    const result = validateDirectoryText(JSON.stringify(good), "data.json");
    expect(result.ok && result.directory.resources.length).toBe(2);
  });

  it.each<[string, string, RegExp]>([
    ["malformed JSON (missing comma)", '{\n  "title": "x"\n  "sections": []\n}', /^data\.json:3:3: invalid JSON: comma expected$/],
    ["a trailing comma", '{ "title": "x", }', /^data\.json:1:15: invalid JSON: a trailing comma after the last item, which JSON does not allow$/],
    ["an empty file", "", /^data\.json:1:1: invalid JSON/],
    ["an unknown key", withChange((d) => (d.resources[1]!.titel = "x")), /resources\[1\] \(id "second-video"\): unknown key "titel"$/],
    ["a missing field", withChange((d) => delete d.resources[0]!.publisher), /resources\[0\] \(id "first-guide"\)\.publisher: is required$/],
    ["an invalid URL", withChange((d) => (d.resources[0]!.url = "not a url")), /\(id "first-guide"\)\.url: must be an absolute http\(s\) URL$/],
    ["a non-http scheme", withChange((d) => (d.resources[1]!.url = "javascript:alert(1)")), /\(id "second-video"\)\.url: must be an absolute http\(s\) URL$/],
    ["a duplicate id", withChange((d) => (d.resources[1]!.id = "first-guide")), /resources\[1\] \(id "first-guide"\)\.id: duplicate id "first-guide" \(first used by resources\[0\]\)$/],
    ["an unknown section", withChange((d) => (d.resources[1]!.section = "vidoes")), /\(id "second-video"\)\.section: unknown section "vidoes" \(sections: guides, videos\)$/],
    ["a wrong format value", withChange((d) => (d.resources[0]!.format = "PDF")), /\(id "first-guide"\)\.format: Invalid option: expected one of "pdf"\|"ppt"/],
    ["an empty title", withChange((d) => (d.resources[0]!.title = "")), /\(id "first-guide"\)\.title: title must not be empty$/],
    ["an empty audience list", withChange((d) => (d.resources[0]!.audiences = [])), /\.audiences: must list at least one audience$/],
    ["a bad sha256", withChange((d) => (d.resources[0]!.sha256 = "ABC")), /\.sha256: must be 64 lowercase hex digits$/],
    ["a non-slug id", withChange((d) => (d.resources[0]!.id = "First Guide")), /resources\[0\] \(id "First Guide"\)\.id: must be a lowercase slug/],
    ["a resource that is not an object", withChange((d) => (d.resources[0] = "x" as never)), /resources\[0\]: Invalid input: expected object, received string$/],
    ["a missing top-level title", withChange((d) => delete d.title), /^data\.json:1:1: title: is required$/],
    ["a wrong previousUrls entry", withChange((d) => (d.resources[0]!.previousUrls = ["ftp://x.org/a"])), /\.previousUrls\[0\]: must be an absolute http\(s\) URL$/],
  ])("names the place of %s", (_name, text, expected) => {
    const problems = lines(text);
    expect(problems.some((p) => expected.test(p)), problems.join("\n")).toBe(true);
  });

  it("returns every problem at once, each with its line", () => {
    const problems = lines(
      withChange((d) => {
        d.resources[0]!.url = "ftp://x";
        d.resources[1]!.format = "movie";
        d.resources[1]!.colour = "blue";
      }),
    );
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p).toMatch(/^data\.json:\d+:\d+: resources\[\d\]/);
  });

  it("points the line and column at the offending field", () => {
    const text = withChange((d) => (d.resources[1]!.url = "mailto:a@b.org"));
    const [problem] = lines(text);
    const lineNo = text.split("\n").findIndex((l) => l.includes("mailto:")) + 1;
    expect(problem).toMatch(new RegExp(`^data\\.json:${lineNo}:7: `));
  });

  it("warns once per shared URL, naming every resource", () => {
    const result = validateDirectoryText(withChange((d) => (d.resources[1]!.url = "https://example.org/first.pdf")), "d.json");
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatProblem)).toContainEqual(
      expect.stringContaining('the same URL is used by 2 resources ("first-guide", "second-video"): https://example.org/first.pdf'),
    );
  });

  it("warns about a .pdf URL whose format is not pdf", () => {
    const result = validateDirectoryText(withChange((d) => (d.resources[1]!.url = "https://example.org/Video.PDF")), "d.json");
    expect(result.warnings.map(formatProblem)).toContainEqual(
      expect.stringContaining('(id "second-video").format: warning'.replace(".format: warning", "")),
    );
    expect(result.warnings.map((w) => w.message)).toContain('the URL ends in .pdf but format is "video"');
  });
});

describe("loadDirectoryFile", () => {
  it("names a missing file", async () => {
    const dir = await testdir();
    const result = await loadDirectoryFile(join(dir, "nope.json"));
    expect(!result.ok && result.problems.map(formatProblem)).toEqual([`${join(dir, "nope.json")}: file not found`]);
  });

  it("loads a file from disk", async () => {
    const dir = await testdir({ "d.json": JSON.stringify(good) });
    const result = await loadDirectoryFile(join(dir, "d.json"));
    expect(result.ok).toBe(true);
  });
});

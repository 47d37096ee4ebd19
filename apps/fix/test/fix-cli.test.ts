// End to end: `npm run fix` on a copy of the real data with hand-written reports.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { diffArrays } from "diff";
import { beforeAll, describe, expect, it } from "vitest";
import { Fixes, type Report } from "@td/schema";
import { REPO_ROOT, listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { fixCommand } from "../src/fix-command.ts";
import { AT, report, result } from "./reports.ts";

const inProcess = (args: readonly string[]) => runInProcess("fix", fixCommand, args);
const ENTRY = "apps/fix/src/main.ts";
let realData: string;
let byId: Map<string, { url: string; previousUrls?: string[] }>;

beforeAll(async () => {
  realData = await readFile(join(REPO_ROOT, "data/resources.json"), "utf8");
  const parsed = JSON.parse(realData) as { resources: { id: string; url: string; previousUrls?: string[] }[] };
  byId = new Map(parsed.resources.map((r) => [r.id, r]));
});

const url = (id: string) => byId.get(id)!.url;

/** A folder with the data and the report, and a function that runs the command on them. */
async function setUp(data: string, r: Report | string) {
  const dir = await testdir({ "data.json": data, "report.json": typeof r === "string" ? r : JSON.stringify(r) });
  const run = (...extra: string[]) => inProcess(["--report", join(dir, "report.json"), "--data", join(dir, "data.json"), "--out", join(dir, "out"), ...extra]);
  return { dir, run, data: () => readFile(join(dir, "data.json"), "utf8") };
}

/** The changed places between two texts, line by line (jsdiff), each with its removed and added lines. */
function changes(before: string, after: string, eol = "\n"): { removed: string[]; added: string[] }[] {
  const hunks: { removed: string[]; added: string[] }[] = [];
  let open: { removed: string[]; added: string[] } | undefined;
  for (const part of diffArrays(before.split(eol), after.split(eol))) {
    if (!part.added && !part.removed) {
      open = undefined;
      continue;
    }
    if (open === undefined) hunks.push((open = { removed: [], added: [] }));
    (part.added ? open.added : open.removed).push(...part.value);
  }
  return hunks;
}

const REDIRECT_TO = "https://www.ice.gov/features/stamp";
const MOVED_TO = "https://www.acf.hhs.gov/otip/resource/foreign-child-victims.pdf";

function everyKind(): Report {
  return report([
    // moved, without previousUrls: url changes, previousUrls is added after it
    result("orr-assisting-foreign-child-trafficking-victims", url("orr-assisting-foreign-child-trafficking-victims"), "moved", {
      suggestedUrl: MOVED_TO,
      reason: "HTTP 404; same document found via sitemap.xml (same file name, same SHA-256)",
    }),
    // redirected, with previousUrls already: the old URL goes first
    result("ice-project-stamp", url("ice-project-stamp"), "redirected", {
      suggestedUrl: REDIRECT_TO,
      finalUrl: REDIRECT_TO,
      redirects: [{ url: url("ice-project-stamp"), httpStatus: 301, kind: "permanent" }],
      reason: "permanent redirect (301) to a working page",
    }),
    // broken with weak candidates only: nothing changes
    result("nhtrc-gang-involved-sex-trafficking", url("nhtrc-gang-involved-sex-trafficking"), "broken", {
      candidates: [{ url: "https://humantraffickinghotline.org/gangs", evidence: "title match", score: 40 }],
    }),
    // stale: the data no longer has this URL
    result("polaris-truck-stops-at-a-glance", "https://old.example.org/truck-stops.pdf", "moved", { suggestedUrl: "https://polarisproject.org/truck-stops.pdf" }),
    result("dhs-human-trafficking-general-awareness-training", url("dhs-human-trafficking-general-awareness-training"), "error"),
    result("polaris-domestic-sex-trafficking-american-pimp", url("polaris-domestic-sex-trafficking-american-pimp"), "ok"),
  ]);
}

const CHILD_DOC = "https://polarisproject.org/wp-content/uploads/2019/09/child-sex-trafficking-at-a-glance.pdf";

/** Documents found behind two of the seven Polaris stand-ins sharing one page, and one already another resource's address. */
function documentsFound(): Report {
  const page = url("polaris-child-sex-trafficking-at-a-glance");
  const doc = (documentUrl: string, title: string) => ({
    documentUrl,
    documentEvidence: `found via the stand-in page: labelled with the title where it is linked`,
    document: { url: documentUrl, title, label: title, linkedFrom: page, sizeBytes: 411_000, evidence: "labelled with the title where it is linked" },
  });
  return report([
    result("polaris-child-sex-trafficking-at-a-glance", page, "ok", doc(CHILD_DOC, "Child Sex Trafficking At-A-Glance")),
    result("polaris-truck-stops-at-a-glance", url("polaris-truck-stops-at-a-glance"), "ok", doc("https://polarisproject.org/wp-content/uploads/2019/09/truck-stops.pdf", "Sex Trafficking at Truck Stops At-A-Glance")),
    // The page itself is the found document's address for another resource: left for a person.
    result("rescue-restore-logo", url("rescue-restore-logo"), "ok", doc(url("rescue-restore-law-enforcement-pocket-card"), "Logo")),
    // A move to another resource's address: left for a person too.
    result("gaatw-whats-the-cost-of-a-rumour", url("gaatw-whats-the-cost-of-a-rumour"), "moved", { suggestedUrl: url("iom-handbook-direct-assistance") }),
  ]);
}

describe("npm run fix", () => {
  it("applies moved and redirected results only, changing no other line of the real data", async () => {
    const { dir, run, data } = await setUp(realData, everyKind());
    const first = await run();
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const after = await data();
    const old = url("orr-assisting-foreign-child-trafficking-victims");
    const stamp = byId.get("ice-project-stamp")!;
    // Two places changed; every other line is byte for byte the same.
    expect(changes(realData, after)).toEqual([
      { removed: [`      "url": "${old}",`], added: [`      "url": "${MOVED_TO}",`, '      "previousUrls": [', `        "${old}"`, "      ],"] },
      { removed: [`      "url": "${stamp.url}",`], added: [`      "url": "${REDIRECT_TO}",`] },
      { removed: [], added: [`        "${stamp.url}",`] },
    ]);
    const parsed = JSON.parse(after) as { resources: { id: string; url: string; previousUrls?: string[] }[] };
    expect(parsed.resources.find((r) => r.id === "ice-project-stamp")!.previousUrls).toEqual([stamp.url, ...stamp.previousUrls!]);

    // One line per change, naming id, old URL, new URL and the evidence; what was left alone says why.
    expect(first.stdout).toContain(`orr-assisting-foreign-child-trafficking-victims: ${old} -> ${MOVED_TO} (moved: HTTP 404; same document found via sitemap.xml (same file name, same SHA-256))`);
    expect(first.stdout).toContain(`ice-project-stamp: ${stamp.url} -> ${REDIRECT_TO} (redirected: permanent redirect: ${stamp.url} (301) → ${REDIRECT_TO})`);
    expect(first.stdout).toContain("left alone: nhtrc-gang-involved-sex-trafficking (broken): broken, with weaker candidates only (not proven)");
    expect(first.stdout).toContain("left alone: polaris-truck-stops-at-a-glance (moved): the report is about a URL the data no longer has");
    expect(first.stdout).toContain("2 resources fixed in");

    const fixes = Fixes.parse(JSON.parse(await readFile(join(dir, "out/fixes.json"), "utf8")));
    expect(fixes.changes.map((c) => [c.id, c.status, c.newUrl])).toEqual([
      ["orr-assisting-foreign-child-trafficking-victims", "moved", MOVED_TO],
      ["ice-project-stamp", "redirected", REDIRECT_TO],
    ]);
    expect(fixes.checkedAt).toBe(AT);
    const md = await readFile(join(dir, "out/fixes.md"), "utf8");
    expect(md).toContain("## Link-health fixes from the check of 2026-11-30");
    expect(md).toContain("### Assisting Foreign Child Trafficking Victims");
    expect(md).toContain(`- old URL: <${old}>`);
    expect(md).toContain(`- new URL: <${MOVED_TO}>`);
    expect(md).toContain("- evidence: HTTP 404; same document found via sitemap.xml (same file name, same SHA-256)");
    expect(md).toContain("- checked: 2026-11-30T06:00:03.000Z");

    // The result is valid data, and a second run changes nothing.
    expect((await runCli("apps/validate/src/main.ts", ["--data", join(dir, "data.json")])).code).toBe(0);
    const second = await run();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("nothing to fix");
    expect(await data()).toBe(after);
  });

  it("keeps a 4-space CRLF file's indentation and line endings", async () => {
    const crlf = `${JSON.stringify(JSON.parse(realData), null, 4).replace(/\n/g, "\r\n")}\r\n`;
    const { run, data } = await setUp(crlf, everyKind());
    expect((await run()).code).toBe(0);
    const after = await data();
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    const old = url("orr-assisting-foreign-child-trafficking-victims");
    expect(changes(crlf, after, "\r\n")[0]).toEqual({
      removed: [`            "url": "${old}",`],
      added: [`            "url": "${MOVED_TO}",`, '            "previousUrls": [', `                "${old}"`, "            ],"],
    });
    expect(changes(crlf, after, "\r\n")).toHaveLength(3);
  });

  it("--dry-run prints the changes and writes nothing", async () => {
    const { dir, run, data } = await setUp(realData, everyKind());
    const r = await run("--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dry run: 2 resources would be fixed in");
    expect(r.stdout).toContain(`ice-project-stamp: ${url("ice-project-stamp")} -> ${REDIRECT_TO}`);
    expect(await data()).toBe(realData);
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("writes an empty fixes.md and leaves the data alone when nothing is proven", async () => {
    const { dir, run, data } = await setUp(realData, report([result("nhtrc-gang-involved-sex-trafficking", url("nhtrc-gang-involved-sex-trafficking"), "broken")]));
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("nothing to fix");
    expect(await data()).toBe(realData);
    expect(await readFile(join(dir, "out/fixes.md"), "utf8")).toContain("Nothing to fix");
  });

  it.each([
    ["a report that is not JSON", "{ not json", /report\.json is not valid JSON:\n {2}.*report\.json:1:3: invalid JSON/],
    ["a report that is not a report", JSON.stringify({ schemaVersion: 1, results: [] }), /report\.json is not a valid check report:\n {2}.*startedAt: is required/],
    ["a report whose summary does not add up", JSON.stringify({ ...report([]), summary: { ok: 3, redirected: 0, moved: 0, broken: 0, error: 0 } }), /summary\.ok: is 3 but the results hold 0/],
  ])("exits 2 on %s, leaving every file untouched", async (_what, text, message) => {
    const { dir, run, data } = await setUp(realData, text);
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await data()).toBe(realData);
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("exits 2 on invalid data and on usage errors, writing nothing", async () => {
    const broken = realData.replace('"format": "web"', '"format": "webpage"');
    const { dir, run } = await setUp(broken, everyKind());
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data\.json is invalid; run "npm run validate":\n {2}.*data\.json:\d+:\d+: resources\[0\] \(id "orr-assisting-foreign-child-trafficking-victims"\)\.format: /);
    expect(await readFile(join(dir, "data.json"), "utf8")).toBe(broken);
    const noReport = await inProcess(["--data", join(dir, "data.json")]);
    expect(noReport.code).toBe(2);
    expect(noReport.stderr).toContain("fix: --report FILE is required");
    const unknown = await inProcess(["--report", "x", "--frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option "--frobnicate"');
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("applies documents found behind stand-in pages: url to the document, format from standInFor, standInFor removed, sourcePage set to the page; a second run changes nothing", async () => {
    const { dir, run, data } = await setUp(realData, documentsFound());
    const first = await run();
    expect(first.code).toBe(0);
    const after = await data();
    const page = url("polaris-child-sex-trafficking-at-a-glance");
    const truck = "https://polarisproject.org/wp-content/uploads/2019/09/truck-stops.pdf";
    // Per resource: url, format and standInFor replaced, sourcePage added after url; nothing else.
    expect(changes(realData, after)).toEqual([
      { removed: [`      "url": "${page}",`, '      "format": "web",', '      "standInFor": "pdf",'], added: [`      "url": "${truck}",`, `      "sourcePage": "${page}",`, '      "format": "pdf",'] },
      { removed: [`      "url": "${page}",`, '      "format": "web",', '      "standInFor": "pdf",'], added: [`      "url": "${CHILD_DOC}",`, `      "sourcePage": "${page}",`, '      "format": "pdf",'] },
    ]);
    const parsed = JSON.parse(after) as { resources: Record<string, unknown>[] };
    const child = parsed.resources.find((r) => r.id === "polaris-child-sex-trafficking-at-a-glance")!;
    expect(child).toMatchObject({ url: CHILD_DOC, format: "pdf", sourcePage: page });
    expect(child.standInFor).toBeUndefined();
    expect(child.previousUrls).toBeUndefined();
    expect((await runCli("apps/validate/src/main.ts", ["--data", join(dir, "data.json")])).code).toBe(0);

    // Never two entries with one URL made silently: both are left alone, saying whose address it is.
    expect(first.stdout).toContain('left alone: rescue-restore-logo (ok): the document found is already the address of resource "rescue-restore-law-enforcement-pocket-card"');
    expect(first.stdout).toContain('left alone: gaatw-whats-the-cost-of-a-rumour (moved): the document found is already the address of resource "iom-handbook-direct-assistance"');
    const md = await readFile(join(dir, "out/fixes.md"), "utf8");
    expect(md).toContain("## Documents found behind stand-in pages (2)");
    expect(md).not.toContain("## New addresses");
    // The evidence side by side: the resource's title beside the document's own, the label where it is linked and the page.
    expect(md).toContain("| title | Child Sex Trafficking At-A-Glance | Child Sex Trafficking At-A-Glance |");
    expect(md).toContain(`| linked from |  | <${page}> |`);
    const fixes = Fixes.parse(JSON.parse(await readFile(join(dir, "out/fixes.json"), "utf8")));
    expect(fixes.changes.map((c) => [c.id, c.kind, c.format])).toEqual([
      ["polaris-child-sex-trafficking-at-a-glance", "document", "pdf"],
      ["polaris-truck-stops-at-a-glance", "document", "pdf"],
    ]);

    const second = await run();
    expect(second.code).toBe(0);
    expect(await data()).toBe(after);
    expect(second.stdout).toContain("left alone: polaris-child-sex-trafficking-at-a-glance (ok): the report is about a URL the data no longer has");
  });

  it("prints usage for --help", async () => {
    const r = await runCli(ENTRY, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: npm run fix -- --report FILE");
  });
});

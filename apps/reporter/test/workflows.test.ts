// The workflow files: valid against the schema of GitHub workflow files (action-validator embeds
// SchemaStore's), and holding to what the project promises (least privilege per job, actions
// pinned by commit on a current runtime, the weekly cycle's order, nothing after an inconclusive check).
import { readFile } from "node:fs/promises";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "@td/testkit";

type Step = { id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { needs?: string | string[]; if?: string; permissions?: Record<string, string>; outputs?: Record<string, string>; steps: Step[]; strategy?: { matrix: { node: number[] } } };
type Workflow = {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: Record<string, Job>;
};

async function load(name: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(`${REPO_ROOT}.github/workflows/${name}`, "utf8");
  return { text, workflow: parse(text) as Workflow };
}

/**
 * The actions we use, at the current major that runs on Node 24, pinned to the commit of that
 * release tag. Confirmed from the actions' own repositories (tags and action.yml `using: node24`).
 */
const PINNED: Record<string, [string, string]> = {
  "actions/checkout": ["3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"],
  "actions/setup-node": ["820762786026740c76f36085b0efc47a31fe5020", "v7.0.0"],
  "actions/upload-artifact": ["bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"],
  "actions/download-artifact": ["3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"],
  "peter-evans/create-pull-request": ["5f6978faf089d4d20b00c7766989d076bb2fc7f1", "v8.1.1"],
  "actions/upload-pages-artifact": ["fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"],
  "actions/deploy-pages": ["cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"],
};

describe.each(["link-health.yml", "ci.yml"])("%s", (name) => {
  it("is a valid workflow file", async () => {
    const { text } = await load(name);
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("pins every action to a known release commit, with the version in a comment, and runs in a concurrency group", async () => {
    const { text, workflow } = await load(name);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    for (const step of steps.filter((s) => s.uses)) {
      const [action, sha] = step.uses!.split("@") as [string, string];
      expect(PINNED[action], `${action} is not one of the pinned actions`).toBeDefined();
      expect(sha).toBe(PINNED[action]![0]);
    }
    for (const line of text.split("\n").filter((l) => l.includes("uses:"))) {
      const [action] = line.trim().replace(/^- /, "").replace("uses: ", "").split("@") as [string];
      expect(line).toContain(`# ${PINNED[action]![1]}`);
    }
    expect(workflow.concurrency.group).toBeTruthy();
  });
});

describe("link-health.yml", () => {
  it("runs weekly and on demand; each job gets only the permissions it needs", async () => {
    const { workflow } = await load("link-health.yml");
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(workflow.jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      check: { contents: "read" },
      "propose-fixes": { contents: "write", "pull-requests": "write" },
      "sync-issues": { contents: "read", issues: "write" },
      deploy: { pages: "write", "id-token": "write" },
    });
    // The job that can push runs no npm code: it only checks out, downloads the fixed file and calls the action.
    expect(workflow.jobs["propose-fixes"]!.steps.some((s) => s.run !== undefined)).toBe(false);
  });

  it("checks, fixes, proposes the pull request, then syncs issues, in that order", async () => {
    const { workflow } = await load("link-health.yml");
    const check = workflow.jobs.check!.steps;
    const at = (steps: Step[], needle: string) => steps.findIndex((s) => (s.run ?? s.uses ?? "").includes(needle));
    expect(at(check, "npm ci")).toBeLessThan(at(check, "npm run check"));
    expect(at(check, "npm run check")).toBeLessThan(at(check, "npm run export"));
    // The export reads the data as it is; the fix changes it afterwards.
    expect(at(check, "npm run export")).toBeLessThan(at(check, "npm run fix"));
    expect(check[at(check, "npm run fix")]!.run).toBe("npm run fix -- --report out/report.json --out out");
    // Archived copies are recorded after the fixes, in the read-only job, with the keys from secrets; the pull request body has both.
    const preserve = check[at(check, "npm run preserve")]!;
    expect(at(check, "npm run fix")).toBeLessThan(at(check, "npm run preserve"));
    expect(preserve.run).toBe("npm run preserve -- --report out/report.json --out out");
    expect(preserve.env).toEqual({ ARCHIVE_ORG_ACCESS_KEY: "${{ secrets.ARCHIVE_ORG_ACCESS_KEY }}", ARCHIVE_ORG_SECRET_KEY: "${{ secrets.ARCHIVE_ORG_SECRET_KEY }}" });
    expect(workflow.jobs.check!.permissions).toEqual({ contents: "read" });
    expect(check[at(check, "out/pull-request.md")]!.run).toContain("cat out/fixes.md out/preserve.md > out/pull-request.md");
    expect(at(check, "npm run preserve")).toBeLessThan(at(check, "npm run site"));
    const upload = check.filter((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload.map((s) => s.with?.name)).toEqual(["link-health-fixes-${{ github.run_number }}", "link-health-${{ github.run_number }}"]);
    expect(String(upload[0]!.with?.path)).toContain("data/resources.json");
    expect(String(upload[0]!.with?.path)).toContain("out/pull-request.md");

    const propose = workflow.jobs["propose-fixes"]!;
    expect(propose.needs).toBe("check");
    const pr = propose.steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request"))!;
    expect(pr.with).toMatchObject({ branch: "link-health/fixes", "delete-branch": true, "add-paths": "data/resources.json", "body-path": "out/pull-request.md", labels: "link-health" });
    expect(propose.outputs).toEqual({ "pull-request-number": "${{ steps.pr.outputs.pull-request-number }}" });

    const sync = workflow.jobs["sync-issues"]!;
    expect(sync.needs).toEqual(["check", "propose-fixes"]);
    const report = sync.steps.find((s) => s.run?.includes("npm run report"))!;
    expect(report.run).toBe('npm run report -- --report out/report.json --fix-pr "$FIX_PR"');
    expect(report.env).toEqual({ GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}", FIX_PR: "${{ needs.propose-fixes.outputs.pull-request-number }}" });
    expect(sync.steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with).toMatchObject({ "node-version": "lts/*", cache: "npm" });
  });

  it("proposes nothing and syncs no issue after an inconclusive check (exit 3), and fails visibly", async () => {
    const { workflow } = await load("link-health.yml");
    const conclusive = "steps.check.outputs.exit-code == '0' || steps.check.outputs.exit-code == '1'";
    const check = workflow.jobs.check!.steps;
    for (const needle of ["npm run export", "npm run fix", "npm run preserve", "out/pull-request.md", "link-health-fixes"]) {
      const step = check.find((s) => (s.run ?? "").includes(needle) || String(s.with?.name ?? "").includes(needle))!;
      expect(step.if).toBe(conclusive);
    }
    expect(workflow.jobs["propose-fixes"]!.if).toBe("needs.check.outputs.exit-code == '0' || needs.check.outputs.exit-code == '1'");
    expect(workflow.jobs["sync-issues"]!.if).toBe("${{ !cancelled() && (needs.check.outputs.exit-code == '0' || needs.check.outputs.exit-code == '1') }}");
    expect(check.find((s) => s.if === "steps.check.outputs.exit-code == '3'" && s.run?.includes("exit 1"))).toBeDefined();
    expect(workflow.jobs.check!.outputs).toEqual({ "exit-code": "${{ steps.check.outputs.exit-code }}" });
  });
});

describe("ci.yml", () => {
  it("tests on Node 20, 22 and 24 with read-only permissions", async () => {
    const { workflow } = await load("ci.yml");
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.test!.strategy!.matrix.node).toEqual([20, 22, 24]);
  });

  it("runs .ci/run, which is what runs on a clean clone before anything lands, after checkout and setup-node", async () => {
    const { workflow } = await load("ci.yml");
    const runs = workflow.jobs.test!.steps.map((s) => s.run ?? s.uses ?? "");
    expect(runs.at(-1)).toBe("bash .ci/run");
    expect(runs.slice(0, 2).map((u) => u.split("@")[0])).toEqual(["actions/checkout", "actions/setup-node"]);
    const ci = await readFile(`${REPO_ROOT}.ci/run`, "utf8");
    for (const step of ["npm ci", "npm run typecheck", "npm run lint", "npm test", "npm run validate", "poppler-utils"]) expect(ci).toContain(step);
  });
});

describe("link-health.yml publishes the site", () => {
  it("builds it in the read-only check job after the check, from the previous site, and deploys it in a job of its own that runs no npm code", async () => {
    const { workflow } = await load("link-health.yml");
    const check = workflow.jobs.check!.steps;
    const at = (needle: string) => check.findIndex((s) => (s.run ?? s.uses ?? "").includes(needle));
    expect(at("-o out/report.json")).toBeGreaterThan(at("npm ci"));
    expect(at("-o out/report.json")).toBeLessThan(at("npm run check"));
    expect(at("npm run site")).toBeGreaterThan(at("npm run check"));
    expect(check[at("npm run site")]!.run).toContain('--previous-site "$SITE_URL"');
    expect(at("actions/upload-pages-artifact")).toBeGreaterThan(at("npm run site"));
    const conclusive = "steps.check.outputs.exit-code == '0' || steps.check.outputs.exit-code == '1'";
    expect(check[at("npm run site")]!.if).toBe(conclusive);
    expect(check[at("actions/upload-pages-artifact")]!.if).toBe(conclusive);
    const deploy = workflow.jobs.deploy as Job & { environment?: { name: string } };
    expect(deploy.needs).toBe("check");
    expect(deploy.if).toBe("needs.check.outputs.exit-code == '0' || needs.check.outputs.exit-code == '1'");
    expect(deploy.environment?.name).toBe("github-pages");
    expect(deploy.steps.map((s) => s.uses?.split("@")[0])).toEqual(["actions/deploy-pages"]);
    expect(deploy.steps.some((s) => s.run !== undefined)).toBe(false);
  });
});


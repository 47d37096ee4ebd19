// The committed directory: valid, and holding every entry of the page it began as.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatProblem, loadDirectoryFile } from "../src/index.ts";

const DATA = new URL("../../../data/resources.json", import.meta.url).pathname;
const PAGE = new URL("../../../data/seed/law-enforcement-page.txt", import.meta.url).pathname;

/** Typos of the page that the data fixes, and the one entry the page lists twice. */
const TYPO_FIXES: [RegExp, string][] = [
  [/communictating/g, "communicating"],
  [/combatting/g, "combating"],
];
const LISTED_TWICE = new Map([["iom handbook on direct assistance for victims of trafficking", "iom-handbook-direct-assistance"]]);

function normalize(text: string): string {
  let out = text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
  for (const [typo, fix] of TYPO_FIXES) out = out.replace(typo, fix);
  return out;
}

/** The page's entries: every non-empty line after the audience navigation, bullets stripped. */
async function pageEntries(): Promise<string[]> {
  const lines = (await readFile(PAGE, "utf8")).split("\n").map((l) => l.replace(/^\s*•\s*/, "").trim());
  const nav = lines.findIndex((l) => /^Victims\s+\|/.test(l));
  return lines.slice(nav + 1).filter((l) => l !== "");
}

describe("data/resources.json", () => {
  it("is valid", async () => {
    const loaded = await loadDirectoryFile(DATA);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
  });

  it("holds every entry of the seed page, each as its own resource", async () => {
    const loaded = await loadDirectoryFile(DATA);
    if (!loaded.ok) throw new Error("data invalid");
    const resources = loaded.directory.resources.map((r) => ({ id: r.id, title: normalize(r.title) }));
    const entries = await pageEntries();
    expect(entries.length).toBeGreaterThanOrEqual(50);

    const matched = new Map<string, string>();
    const missing: string[] = [];
    for (const entry of entries) {
      const line = normalize(entry);
      const alias = LISTED_TWICE.get(line);
      // The resource whose title the line starts with (then a word boundary); the longest wins.
      const match = resources
        .filter((r) => line.startsWith(r.title) && !/[a-z0-9]/.test(line.charAt(r.title.length)))
        .sort((a, b) => b.title.length - a.title.length)[0];
      const id = alias ?? match?.id;
      if (id === undefined) missing.push(entry);
      else if (alias === undefined) {
        expect(matched.has(id), `two page entries map to ${id}: "${matched.get(id)}" and "${entry}"`).toBe(false);
        matched.set(id, entry);
      }
    }
    expect(missing).toEqual([]);
    // And nothing in the data that the page does not list.
    expect(resources.filter((r) => !matched.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("gives every resource the law-enforcement audience and a note wherever the URL is not the document's own", async () => {
    const loaded = await loadDirectoryFile(DATA);
    if (!loaded.ok) throw new Error("data invalid");
    for (const r of loaded.directory.resources) {
      expect(r.audiences).toContain("law-enforcement");
      if (r.format === "web" && r.notes === undefined) {
        // A web page that is the resource itself needs no note; these are the known ones.
        expect(["ice-project-stamp", "dod-combating-trafficking-in-persons"]).toContain(r.id);
      }
    }
  });
});

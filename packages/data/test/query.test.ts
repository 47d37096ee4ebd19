import { describe, expect, it } from "vitest";
import type { Directory, Resource } from "@td/schema";
import { countBy, groupBySection, orderResources, resourcesByPublisher } from "../src/index.ts";

const r = (id: string, title: string, section: string, publisher = "P"): Resource => ({
  id,
  title,
  publisher,
  description: "",
  url: `https://example.org/${id}`,
  format: "web",
  section,
  audiences: ["law-enforcement"],
});

const directory: Directory = {
  title: "T",
  sections: [
    { id: "b", title: "B first" },
    { id: "a", title: "A second" },
    { id: "empty", title: "Nothing here" },
  ],
  resources: [r("x", "zeta", "a", "UNODC"), r("y", "Alpha", "a", "DHS"), r("z", "Item 10", "b"), r("w", "item 9", "b")],
};

describe("queries", () => {
  it("orders by section order, then title (case-insensitive, numeric)", () => {
    expect(orderResources(directory).map((x) => x.id)).toEqual(["w", "z", "y", "x"]);
  });

  it("groups by section, keeping empty sections", () => {
    expect(groupBySection(directory).map((g) => [g.section.id, g.resources.map((x) => x.id)])).toEqual([
      ["b", ["w", "z"]],
      ["a", ["y", "x"]],
      ["empty", []],
    ]);
  });

  it("groups by publisher in alphabetical order", () => {
    expect([...resourcesByPublisher(directory).keys()]).toEqual(["DHS", "P", "UNODC"]);
  });

  it("counts by key", () => {
    expect(Object.fromEntries(countBy(directory.resources, (x) => x.section))).toEqual({ a: 2, b: 2 });
  });
});

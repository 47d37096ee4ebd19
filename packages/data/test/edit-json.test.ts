import { describe, expect, it } from "vitest";
import { createJsonEditor } from "../src/edit-json.ts";

const fourSpaceCrlf = [
  "{",
  '    "resources": [',
  "        {",
  '            "id": "a",',
  '            "url": "https://x.org/1",',
  '            "previousUrls": [',
  '                "https://x.org/0"',
  "            ],",
  '            "audiences": ["law-enforcement"]',
  "        },",
  '        { "id": "b", "url": "https://x.org/2", "tags": ["p", "q"] }',
  "    ]",
  "}",
  "",
].join("\r\n");

/** The lines of `after` that are not in `before`, and the other way round. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split("\r\n");
  const b = after.split("\r\n");
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe("editing JSON in place", () => {
  it("replaces a value where it stands and leaves every other byte alone", () => {
    const editor = createJsonEditor(fourSpaceCrlf);
    editor.setProperties(["resources", 0], [["url", "https://x.org/NEW"]]);
    const out = editor.apply();
    expect(out).toBe(fourSpaceCrlf.replace('"https://x.org/1"', '"https://x.org/NEW"'));
  });

  it("puts an item first in a multi-line array on its own line, with the file's indentation and line ending", () => {
    const editor = createJsonEditor(fourSpaceCrlf);
    editor.prependArrayItem(["resources", 0, "previousUrls"], "https://x.org/1");
    const out = editor.apply();
    expect(lineDiff(fourSpaceCrlf, out)).toEqual({ added: ['                "https://x.org/1",'], removed: [] });
    expect(JSON.parse(out).resources[0].previousUrls).toEqual(["https://x.org/1", "https://x.org/0"]);
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("adds a new key after a given one, multi-line in a multi-line object, inline in an inline one", () => {
    const editor = createJsonEditor(fourSpaceCrlf);
    editor.setProperties(["resources", 0], [["sha256", "f".repeat(64)], ["sizeBytes", 12]]);
    editor.setProperties(["resources", 1], [["previousUrls", ["https://x.org/old"]]], { after: "url" });
    const out = editor.apply();
    expect(out).toContain(
      ['            "audiences": ["law-enforcement"],', `            "sha256": "${"f".repeat(64)}",`, '            "sizeBytes": 12', "        },"].join("\r\n"),
    );
    expect(out).toContain('{ "id": "b", "url": "https://x.org/2", "previousUrls": ["https://x.org/old"], "tags": ["p", "q"] }');
    expect(JSON.parse(out).resources[1]).toEqual({ id: "b", url: "https://x.org/2", previousUrls: ["https://x.org/old"], tags: ["p", "q"] });
  });

  it("adds an array property after a middle key as indented lines of its own", () => {
    const editor = createJsonEditor(fourSpaceCrlf.replace(/ {12}"previousUrls": \[\r\n.*\r\n {12}\],\r\n/, ""));
    editor.setProperties(["resources", 0], [["previousUrls", ["https://x.org/1"]]], { after: "url" });
    const out = editor.apply();
    expect(out).toContain(
      ['            "url": "https://x.org/1",', '            "previousUrls": [', '                "https://x.org/1"', "            ],", '            "audiences": ["law-enforcement"]'].join("\r\n"),
    );
  });

  it("removes an array item with its line, first, last or only", () => {
    const text = '{\n  "a": [\n    "x",\n    "y",\n    "z"\n  ],\n  "b": ["only"]\n}\n';
    const first = createJsonEditor(text);
    first.removeArrayItem(["a"], 0);
    expect(first.apply()).toBe('{\n  "a": [\n    "y",\n    "z"\n  ],\n  "b": ["only"]\n}\n');
    const last = createJsonEditor(text);
    last.removeArrayItem(["a"], 2);
    expect(last.apply()).toBe('{\n  "a": [\n    "x",\n    "y"\n  ],\n  "b": ["only"]\n}\n');
    const only = createJsonEditor(text);
    only.removeArrayItem(["b"], 0);
    expect(only.apply()).toBe('{\n  "a": [\n    "x",\n    "y",\n    "z"\n  ],\n  "b": []\n}\n');
  });

  it("fills an empty array and says clearly when a path is not what it should be", () => {
    const editor = createJsonEditor('{ "a": [], "b": 1 }');
    editor.prependArrayItem(["a"], "x");
    expect(editor.apply()).toBe('{ "a": ["x"], "b": 1 }');
    expect(() => createJsonEditor('{ "a": 1 }').prependArrayItem(["a"], "x")).toThrow('["a"] is not an array');
    expect(() => createJsonEditor('{ "a": 1 }').setProperties(["b"], [])).toThrow('["b"] is not an object');
  });

  it("uses tabs where the file does", () => {
    const text = '{\n\t"r": {\n\t\t"id": "a"\n\t}\n}\n';
    const editor = createJsonEditor(text);
    editor.setProperties(["r"], [["list", ["u"]]]);
    expect(editor.apply()).toBe('{\n\t"r": {\n\t\t"id": "a",\n\t\t"list": [\n\t\t\t"u"\n\t\t]\n\t}\n}\n');
  });
});

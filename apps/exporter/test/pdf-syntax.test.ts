// The PDF syntax the handout writes itself: dictionaries without undefined entries, text strings
// escaped or in UTF-16, and link targets in the 7-bit ASCII a URI action holds.
import { describe, expect, it } from "vitest";
import { array, dict, num, ref, text, uri } from "../src/handout/pdf-syntax.ts";

describe("pdf syntax", () => {
  it("writes dictionaries, arrays, references and short numbers", () => {
    expect(dict({ Type: "/Annot", Rect: array([num(1.006), num(2.456), num(10), num(1e-7)]), P: ref(12), StructParent: undefined })).toBe("<< /Type /Annot /Rect [1.01 2.46 10 0] /P 12 0 R >>");
  });

  it("escapes parentheses and backslashes, and writes any other language as UTF-16", () => {
    expect(text("Guide (2nd ed.) \\ draft")).toBe("(Guide \\(2nd ed.\\) \\\\ draft)");
    expect(text("Руководство")).toBe("<FEFF04200443043A043E0432043E0434044104420432043E>");
  });

  it("keeps an ASCII address as it is and percent-encodes any other", () => {
    expect(uri("https://example.org/a(b).pdf")).toBe("(https://example.org/a\\(b\\).pdf)");
    expect(uri("https://example.org/guía de víctimas.pdf")).toBe("(https://example.org/gu%C3%ADa%20de%20v%C3%ADctimas.pdf)");
  });
});

import { describe, expect, it } from "vitest";
import { codeSpan, escapeText, linkUrl, truncate } from "../src/index.ts";

describe("escaping outside text for GitHub Markdown", () => {
  it("defuses mentions, references, HTML and Markdown", () => {
    expect(escapeText("@team see #12 <img src=x> **bold** [a](b)\nnext")).toBe(
      "@\u200bteam see \\#12 &lt;img src=x&gt; \\*\\*bold\\*\\* \\[a\\](b) next",
    );
  });

  it("links plain http(s) URLs and shows anything else as code that cannot be broken out of", () => {
    expect(linkUrl("https://example.org/a b")).toBe("`https://example.org/a b`");
    expect(linkUrl("https://example.org/a.pdf")).toBe("<https://example.org/a.pdf>");
    expect(codeSpan("a `tick` b")).toBe("``a `tick` b``");
  });

  it("truncates at a line break and says so", () => {
    const text = `${"line\n".repeat(100)}`;
    const cut = truncate(text, 100, "(cut)");
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith("\n\n(cut)")).toBe(true);
  });
});

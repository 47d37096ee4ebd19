import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult, Resource } from "@td/schema";
import { runCli, testdir } from "@td/testkit";
import { applyFingerprints } from "../src/fingerprints/write-fingerprints.ts";
import { PDF_BYTES, send, startHost, type TestHost } from "./helpers/test-host.ts";

const text = `{
    "title": "T",
    "sections": [ { "id": "s", "title": "S" } ],
    "resources": [
        {
            "id": "doc",
            "title": "Doc",
            "publisher": "P",
            "description": "",
            "url": "http://127.0.0.8:PORT/doc.pdf",
            "format": "pdf",
            "section": "s",
            "audiences": ["law-enforcement"]
        },
        {
            "id": "gone",
            "title": "Gone",
            "publisher": "P",
            "description": "",
            "url": "http://127.0.0.8:PORT/gone.pdf",
            "format": "pdf",
            "section": "s",
            "audiences": ["law-enforcement"]
        }
    ]
}
`;

describe("fingerprints", () => {
  it("adds sha256 and sizeBytes to working PDFs only, keeping the file's formatting", () => {
    const resources = (JSON.parse(text) as { resources: Resource[] }).resources;
    const results = [
      { id: "doc", status: "ok", sha256: "a".repeat(64), sizeBytes: 123 },
      { id: "gone", status: "broken" },
    ] as CheckResult[];
    const { text: out, changed } = applyFingerprints(text, resources, resources, results);
    expect(changed).toBe(1);
    expect(out).toContain(`            "audiences": ["law-enforcement"],\n            "sha256": "${"a".repeat(64)}",\n            "sizeBytes": 123\n        },`);
    // Nothing else changed.
    expect(out.replace(/,\n {12}"sha256": "a+",\n {12}"sizeBytes": 123/, "")).toBe(text);
  });

  describe("npm run check -- --write-fingerprints", () => {
    let host: TestHost;
    beforeAll(async () => {
      host = await startHost("127.0.0.8", (q, s) => (q.url === "/doc.pdf" ? send(s, 200, "application/pdf", PDF_BYTES) : send(s, 404, "text/html", "")));
    });
    afterAll(() => host.close());

    it("writes the fingerprints into the data file", async () => {
      const dir = await testdir({ "data.json": text.replaceAll("PORT", String(host.port)) });
      const result = await runCli("apps/crawler/src/main.ts", ["--data", join(dir, "data.json"), "--out", join(dir, "out"), "--archive", "off", "--write-fingerprints"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("fingerprints: 1 resource updated in");
      const data = JSON.parse(await readFile(join(dir, "data.json"), "utf8")) as { resources: Resource[] };
      expect(data.resources[0]).toMatchObject({ sizeBytes: PDF_BYTES.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(data.resources[1]!.sha256).toBeUndefined();
      const validate = await runCli("apps/validate/src/main.ts", ["--data", join(dir, "data.json")]);
      expect(validate.code).toBe(0);
    });
  });
});

// A directory and check report for the issue sync at scale (its tests and its benchmark): n
// resources, 70 % on one host all timing out (an outage), the rest broken on hosts of their own
// with long titles, so issue titles, bodies and comments are as long as they get.
export function outageDirectory(n: number) {
  const resources = Array.from({ length: n }, (_, i) => {
    const big = i < n * 0.7;
    return {
      id: `resource-${i}`,
      title: big ? `Guide ${i}` : `A very long title for a resource that makes issue titles and comments long, number ${i}, ${"with many words ".repeat(12)}`.trim(),
      publisher: "P",
      description: "",
      url: big ? `https://www.big-host.example/documents/human-trafficking/2009/guide-${i}.pdf` : `https://host-${i}.example/files/document-${i}.pdf`,
      format: "pdf" as const,
      section: "s",
      audiences: ["law-enforcement" as const],
    };
  });
  return { title: "Big", sections: [{ id: "s", title: "S" }], resources };
}

/** The check report of `outageDirectory`, finished at `at`. */
export function outageReport(directory: ReturnType<typeof outageDirectory>, at: string) {
  const results = directory.resources.map((r) => {
    const big = r.url.includes("big-host");
    return {
      id: r.id,
      url: r.url,
      status: big ? ("error" as const) : ("broken" as const),
      httpStatus: big ? null : 404,
      finalUrl: r.url,
      suggestedUrl: null,
      archivedUrl: null,
      reason: big ? "timed out after 3 attempts" : "HTTP 404 Not Found",
      checkedAt: at,
    };
  });
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const summary = { ok: 0, redirected: 0, moved: 0, broken: count("broken"), error: count("error") };
  return { schemaVersion: 1 as const, startedAt: at, finishedAt: at, inconclusive: false, summary, results };
}

import { summarize, type Directory, type Report } from "@td/schema";

/** A directory with every awkward thing the exporter must handle. */
export const tricky: Directory = {
  title: "Training Resources for Law Enforcement",
  sections: [
    { id: "guides", title: "Guides and manuals" },
    { id: "international", title: "International" },
    { id: "empty", title: "Nothing yet" },
  ],
  resources: [
    {
      id: "quotes-commas",
      title: 'The "Smart Raids", Blind Sweeps, and Others',
      publisher: "U.S. Department of State",
      description: "Line one,\nline two with a \"quote\" and a comma, and ünïcödé.",
      url: "https://2009-2017.state.gov/j/tip/rls/fs/2010/144403.htm",
      format: "web",
      section: "guides",
      audiences: ["law-enforcement", "ngos"],
    },
    {
      id: "formula",
      title: "=HYPERLINK(\"http://evil.example\",\"click\")",
      publisher: "+Publisher",
      description: "-starts with minus; @at too",
      url: "https://example.org/formula.pdf",
      format: "pdf",
      section: "guides",
      audiences: ["law-enforcement"],
      sizeHint: "PDF 57KB",
    },
    {
      id: "spanish",
      title: "Guía de identificación de víctimas de trata",
      publisher: "Organización Internacional para las Migraciones",
      description: "Manual en español.",
      url: "https://www.example.org/publicaciones/gu%C3%ADa-identificaci%C3%B3n-v%C3%ADctimas-trata-de-personas-2019-versi%C3%B3n-final-para-imprimir.pdf",
      format: "pdf",
      section: "international",
      audiences: ["law-enforcement"],
      archivedCopy: {
        url: "https://web.archive.org/web/20261115080000/https://www.example.org/publicaciones/gu%C3%ADa-identificaci%C3%B3n-v%C3%ADctimas-trata-de-personas-2019-versi%C3%B3n-final-para-imprimir.pdf",
        capturedAt: "2026-11-15T08:00:00Z",
      },
    },
    {
      id: "russian",
      title: "Руководство по борьбе с торговлей людьми",
      publisher: "ОБСЕ",
      description: "Учебное пособие для полиции.",
      url: "https://polis.osce.org/ru/rukovodstvo",
      format: "web",
      section: "international",
      audiences: ["law-enforcement"],
    },
    {
      id: "stand-in",
      title: "Child Sex Trafficking At-A-Glance",
      publisher: "Polaris Project",
      description: "A two-page brief.",
      url: "https://example.org/resources/sex-trafficking",
      format: "web",
      standInFor: "pdf",
      section: "guides",
      audiences: ["law-enforcement"],
    },
    {
      id: "moved-doc",
      title: "Law Enforcement Pocket Card",
      publisher: "HHS",
      description: "",
      url: "https://example.org/old/card.pdf",
      format: "pdf",
      section: "guides",
      audiences: ["law-enforcement"],
    },
    {
      id: "broken-doc",
      title: "A Vanished Fact Sheet",
      publisher: "HHS",
      description: "Gone.",
      url: "https://example.org/gone.pdf",
      format: "pdf",
      section: "guides",
      audiences: ["law-enforcement"],
    },
  ],
};

const result = (id: string, url: string, status: "ok" | "moved" | "broken", extra: Record<string, unknown> = {}) => ({
  id,
  url,
  status,
  httpStatus: status === "ok" ? 200 : 404,
  finalUrl: url,
  suggestedUrl: null,
  archivedUrl: null,
  reason: status === "ok" ? "HTTP 200" : "HTTP 404 Not Found",
  checkedAt: "2026-11-30T06:00:03.000Z",
  ...extra,
});

export const report: Report = {
  schemaVersion: 1,
  startedAt: "2026-11-30T06:00:00.000Z",
  finishedAt: "2026-11-30T06:01:00.000Z",
  inconclusive: false,
  summary: { ok: 5, redirected: 0, moved: 1, broken: 1, error: 0 },
  results: [
    result("quotes-commas", tricky.resources[0]!.url, "ok"),
    result("formula", tricky.resources[1]!.url, "ok"),
    result("spanish", tricky.resources[2]!.url, "ok"),
    result("russian", tricky.resources[3]!.url, "ok"),
    result("stand-in", "https://example.org/resources/sex-trafficking", "ok"),
    result("moved-doc", "https://example.org/old/card.pdf", "moved", { suggestedUrl: "https://example.org/files/2024/card.pdf" }),
    result("broken-doc", "https://example.org/gone.pdf", "broken", { archivedUrl: "https://web.archive.org/web/20120301000000/https://example.org/gone.pdf" }),
  ],
};

export const HOSTILE_TITLE = `<img src=x onerror="alert('title')"><script>alert(1)</script>`;

/** The tricky directory, with a hostile resource and one whose check was inconclusive. */
export const hostile: Directory = {
  ...tricky,
  language: "en-GB",
  resources: [
    ...tricky.resources,
    { id: "hostile", title: HOSTILE_TITLE, publisher: `"><b>bold</b>`, description: "</p><iframe src=//evil.example></iframe>", url: "https://example.org/a?b=1&c=<2>", format: "web", section: "international", audiences: ["law-enforcement"] },
    { id: "blocked", title: "Behind a bot wall", publisher: "Agency", description: "", url: "https://example.org/blocked", format: "web", section: "international", audiences: ["law-enforcement"] },
  ],
};
const results = [
  ...report.results,
  { ...report.results[0]!, id: "hostile", url: "https://example.org/a?b=1&c=<2>" },
  { ...report.results[0]!, id: "blocked", url: "https://example.org/blocked", status: "error" as const, httpStatus: 403, reason: "HTTP 403 Forbidden: bot protection" },
];
export const hostileReport: Report = { ...report, results, summary: summarize(results) };


// directory.json: the directory as the site publishes it, every resource with what the last
// check found (the same matching as the export's rows: a result counts only for the URL the data
// has now). Pure.
import type { CheckResult, Directory, PublishedDirectory, Report } from "@td/schema";
import { DEFAULT_LANGUAGE } from "@td/schema";

export function publishDirectory(directory: Directory, report: Report | undefined, published: string): PublishedDirectory {
  const results = new Map<string, CheckResult>((report?.results ?? []).map((r) => [r.id, r]));
  const { $schema: _schema, ...rest } = directory;
  return {
    $schema: "./directory.schema.json",
    title: rest.title,
    language: rest.language ?? DEFAULT_LANGUAGE,
    published,
    checkedAt: report?.finishedAt ?? null,
    sections: rest.sections,
    resources: directory.resources.map((r) => {
      const found = results.get(r.id);
      const current = found !== undefined && found.url === r.url && !(report?.inconclusive ?? false) ? found : undefined;
      return {
        ...r,
        status: current?.status ?? "unchecked",
        checkedAt: current?.checkedAt ?? null,
        suggestedUrl: current?.suggestedUrl ?? null,
        documentUrl: current?.documentUrl ?? null,
        archivedUrl: current?.archivedUrl ?? r.archivedCopy?.url ?? null,
      };
    }),
  };
}

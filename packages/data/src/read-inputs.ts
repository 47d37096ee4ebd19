// What the commands that act on a check report read first: the report and the directory it was
// made of, each validated, and the report refused when its results name resources the data does
// not have, when the command asks (a report of another directory would put its statuses on
// resources it never checked).
// Nothing here throws: the command turns a failure into its exit code.
import { Report } from "@td/schema";
import { formatProblem, loadDirectoryFile, type LoadResult } from "./load.ts";
import { foreignResultIds } from "./query.ts";
import { readJsonFile } from "./read-json-file.ts";

export type ReportInputs =
  | { ok: true; report: Report; loaded: Extract<LoadResult, { ok: true }> }
  | { ok: false; message: string; problems: string[] };

/** `foreignResults`: "refuse" a report naming resources the data lacks, or "allow" it (fix skips those results, saying why). */
export async function readReportInputs(reportFile: string, dataFile: string, foreignResults: "refuse" | "allow"): Promise<ReportInputs> {
  const read = await readJsonFile(reportFile, Report, "check report");
  if (!read.ok) return read;
  const loaded = await loadDirectoryFile(dataFile);
  if (!loaded.ok) return { ok: false, message: `${dataFile} is invalid; run "npm run validate":`, problems: loaded.problems.map(formatProblem) };
  const foreign = foreignResults === "refuse" ? foreignResultIds(read.value, loaded.directory) : [];
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).map((id) => `"${id}"`).join(", ");
    return {
      ok: false,
      message: `${reportFile} does not belong to ${dataFile}: ${foreign.length} of its ${read.value.results.length} results name resources that are not in the data (${shown}${foreign.length > 5 ? ", …" : ""}); check the data again (npm run check) first; nothing was written`,
      problems: [],
    };
  }
  return { ok: true, report: read.value, loaded };
}

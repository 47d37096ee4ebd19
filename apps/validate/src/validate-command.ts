// `npm run validate -- [--data FILE] [--verbose]`: validates the directory and prints a summary or
// every problem. Errors come first, all of them in one pass; warnings follow, one line per kind
// (every one of them with --verbose), so that what must be fixed is not buried under advice.
import { parseFlags, type Io } from "@td/cli";
import { countBy, formatProblem, loadDirectoryFile, type DataProblem } from "@td/data";
import type { Directory } from "@td/schema";

export const USAGE = `Usage: npm run validate -- [--data FILE] [--verbose]

Validates the directory data against the schema and the cross-checks (unique ids,
known sections, duplicate URLs, .pdf URLs with another format).

Options:
  --data FILE   the directory file (default: data/resources.json)
  --verbose     list every warning (by default, one line per kind of warning)
  -h, --help    show this help

Prints a summary (resources by section and by format) when the data is valid, or every
problem with its file:line:column, resource id and field, all at once. Warnings do not fail.
Exit codes: 0 valid, 2 invalid data or usage error.
`;

export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: "string" },
    verbose: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const file = values.data ?? "data/resources.json";
  const loaded = await loadDirectoryFile(file);
  const warnings = values.verbose ? loaded.warnings.map(formatProblem) : foldWarnings(loaded.warnings);
  if (!loaded.ok) {
    const n = loaded.problems.length;
    io.stderr(`validate: ${file} is invalid (${n} problem${n === 1 ? "" : "s"}):\n${loaded.problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`);
    if (warnings.length > 0) io.stderr(`and ${plural(loaded.warnings.length, "warning")}:\n${warnings.map((w) => `  ${w}\n`).join("")}`);
    return 2;
  }
  io.stdout(renderSummary(file, loaded.directory, loaded.warnings.length));
  for (const w of warnings) io.stderr(`${w}\n`);
  return 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line per kind of warning: how many, and where the first is; --verbose gives each. */
export function foldWarnings(warnings: readonly DataProblem[]): string[] {
  const byKind = new Map<string, DataProblem[]>();
  for (const w of warnings) byKind.set(w.kind ?? w.message, [...(byKind.get(w.kind ?? w.message) ?? []), w]);
  return [...byKind.values()].map((group) => {
    const first = group[0]!;
    if (group.length === 1) return formatProblem(first);
    const place = first.at ? `${first.file}:${first.at.line}:${first.at.column}` : first.file;
    return `${place}: warning: ${describeKind(first, group.length)} (the first here; --verbose lists each)`;
  });
}

function describeKind(first: DataProblem, n: number): string {
  switch (first.kind) {
    case "shared-url":
      return `${n} URLs are each used by several resources (often a publisher's page standing in for documents whose own addresses are still to be found)`;
    case "pdf-url-format":
      return `${n} resources have a URL ending in .pdf but another format`;
    default:
      return `${n} × ${first.message}`;
  }
}

export function renderSummary(file: string, directory: Directory, warnings: number): string {
  const bySection = countBy(directory.resources, (r) => r.section);
  const standIns = countBy(
    directory.resources.filter((r) => r.standInFor !== undefined),
    (r) => r.standInFor!,
  );
  const standInCount = [...standIns.values()].reduce((a, b) => a + b, 0);
  const byFormat = countBy(directory.resources, (r) => r.format);
  const width = Math.max(...directory.sections.map((s) => s.id.length), 6);
  const lines = [
    `${file}: valid. "${directory.title}": ${directory.resources.length} resources in ${directory.sections.length} sections${
      warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""
    }.`,
    "",
    "By section:",
    ...directory.sections.map((s) => `  ${s.id.padEnd(width)}  ${String(bySection.get(s.id) ?? 0).padStart(3)}  ${s.title}`),
    "",
    "By format:",
    ...[...byFormat].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, n]) => `  ${f.padEnd(width)}  ${String(n).padStart(3)}`),
    "",
    standInCount === 0
      ? "Stand-ins: none (every resource points at its own document)."
      : `Stand-ins: ${standInCount} of ${directory.resources.length} resources point at a publisher's page standing in for the resource (standInFor), whose own address is not known yet:`,
    ...[...standIns].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, n]) => `  ${f.padEnd(width)}  ${String(n).padStart(3)}`),
    "",
    archivedLine(directory),
  ];
  return `${lines.join("\n")}\n`;
}

/** How many resources have a copy in the web archive recorded, and the oldest copy's date. */
function archivedLine(directory: Directory): string {
  const dates = directory.resources.flatMap((r) => (r.archivedCopy ? [r.archivedCopy.capturedAt] : [])).sort();
  if (dates.length === 0) return "Archived copies: none recorded yet (npm run preserve records them).";
  return `Archived copies: ${dates.length} of ${directory.resources.length} resources have one recorded (archivedCopy), the oldest from ${dates[0]!.slice(0, 10)}.`;
}

// `npm run validate -- [--data FILE]`: validates the directory and prints a summary or every problem.
import { InputError, parseFlags, type Io } from "@td/cli";
import { countBy, formatProblem, loadDirectoryFile } from "@td/data";
import type { Directory } from "@td/schema";

export const USAGE = `Usage: npm run validate -- [--data FILE]

Validates the directory data against the schema and the cross-checks (unique ids,
known sections, duplicate URLs, .pdf URLs with another format).

Options:
  --data FILE   the directory file (default: data/resources.json)
  -h, --help    show this help

Prints a summary (resources by section and by format) when the data is valid, or every
problem with its file:line:column, resource id and field. Warnings do not fail.
Exit codes: 0 valid, 2 invalid data or usage error.
`;

export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const file = values.data ?? "data/resources.json";
  const loaded = await loadDirectoryFile(file);
  for (const warning of loaded.warnings) io.stderr(`${formatProblem(warning)}\n`);
  if (!loaded.ok) {
    const n = loaded.problems.length;
    throw new InputError(`${file} is invalid (${n} problem${n === 1 ? "" : "s"}):`, loaded.problems.map(formatProblem));
  }
  io.stdout(renderSummary(file, loaded.directory, loaded.warnings.length));
  return 0;
}

export function renderSummary(file: string, directory: Directory, warnings: number): string {
  const bySection = countBy(directory.resources, (r) => r.section);
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
  ];
  return `${lines.join("\n")}\n`;
}

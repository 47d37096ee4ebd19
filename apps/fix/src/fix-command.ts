// `npm run fix -- --report FILE [--data FILE] [--out DIR] [--dry-run]`: applies the report's proven
// new addresses to the data file. read report + data → plan (pure, @td/data) → edit text (pure) →
// validate the result → write the data file, fixes.md and fixes.json together, atomically.
import { join } from "node:path";
import { dirname } from "node:path";
import { InputError, UsageError, checkWritable, parseFlags, writeFilesAtomic, type Io } from "@td/cli";
import { formatProblem, planFixes, readReportInputs, validateDirectoryText } from "@td/data";
import { applyFixes } from "./apply-fixes.ts";
import { renderFixesMarkdown, renderLines, toFixesFile } from "./render-fixes.ts";

export const USAGE = `Usage: npm run fix -- --report FILE [--data FILE] [--out DIR] [--dry-run]

Applies the proven new addresses of a check report to the data file: for every resource whose
result is moved or redirected (with a suggested URL) and whose URL in the data is still the
checked one, sets "url" to the new address and puts the old one first in "previousUrls".
Nothing else in the file changes: key order, indentation, line endings and other lines stay
byte for byte. Stale results, weak candidates, broken, error and ok results change nothing, so
a second run changes nothing.

Options:
  --report FILE   the check report (out/report.json); required
  --data FILE     the directory file to fix (default: data/resources.json)
  --out DIR       where fixes.md (a pull request body) and fixes.json go (default: out)
  --dry-run       print the changes; write nothing
  -h, --help      show this help

Exit codes: 0 fixed, or nothing to fix; 2 usage error, invalid data or invalid report
(nothing is written then).
`;

export async function fixCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, {
    report: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.report === undefined) throw new UsageError("--report FILE is required");
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";
  const dryRun = Boolean(values["dry-run"]);

  const inputs = await readReportInputs(values.report, dataFile, "allow");
  if (!inputs.ok) throw new InputError(inputs.message, inputs.problems);
  const { report, loaded } = inputs;

  if (!dryRun) for (const dir of new Set([outDir, dirname(dataFile)])) await checkWritable(dir);

  const plan = planFixes(loaded.directory, report);
  const fixes = toFixesFile(plan, dataFile, report.finishedAt);
  const text = applyFixes(loaded.text, plan.fixes);
  // The edits are minimal by construction; this proves the file is still valid data before it is written.
  const check = validateDirectoryText(text, dataFile);
  if (!check.ok) throw new Error(`the fixed data would be invalid:\n${check.problems.map(formatProblem).join("\n")}`);

  for (const line of renderLines(fixes)) io.stdout(`${line}\n`);
  if (report.inconclusive) io.stderr(`fix: ${values.report} is from an inconclusive check; nothing to fix\n`);
  const n = fixes.changes.length;
  if (dryRun) {
    io.stdout(`dry run: ${n === 0 ? "nothing to fix" : `${n} resource${n === 1 ? "" : "s"} would be fixed in ${dataFile}`}; nothing written\n`);
    return 0;
  }
  const outputs = [
    { path: join(outDir, "fixes.md"), data: renderFixesMarkdown(fixes) },
    { path: join(outDir, "fixes.json"), data: `${JSON.stringify(fixes, null, 2)}\n` },
  ];
  if (text !== loaded.text) outputs.push({ path: dataFile, data: text });
  await writeFilesAtomic(outputs);
  io.stdout(`${n === 0 ? "nothing to fix" : `${n} resource${n === 1 ? "" : "s"} fixed in ${dataFile}`}; pull request body in ${join(outDir, "fixes.md")}\n`);
  return 0;
}

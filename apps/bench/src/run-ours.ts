// Runs our checker's real command in this process and records the process's own peak RSS, so
// the benchmark measures the checker rather than the TypeScript loader's helper process.
import { writeFileSync } from "node:fs";
import { processIo, runCommand } from "@td/cli";
import { checkCommand } from "@td/crawler";

const [rssFile, ...args] = process.argv.slice(2);
const code = await runCommand("check", checkCommand, args, processIo);
writeFileSync(rssFile!, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
process.exitCode = code;

// `npm run demo`: starts the demonstration web, checks it with the real checker, prints report.md.
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runMain, type Io } from "@td/cli";
import { checkCommand } from "../check-command.ts";
import { demoDirectory, startDemoWeb } from "./demo-web.ts";

async function demo(argv: string[], io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout("Usage: npm run demo\n\nStarts a small demonstration web on 127.0.0.1, checks it with the real checker\n(npm run check), writes out/demo/report.json and report.md, and prints the report.\n");
    return 0;
  }
  const outDir = join("out", "demo");
  const web = await startDemoWeb();
  try {
    await mkdir(outDir, { recursive: true });
    const dataFile = join(outDir, "resources.json");
    await writeFile(dataFile, `${JSON.stringify(demoDirectory(web), null, 2)}\n`);
    io.stderr(`demo web running at ${web.agency} and ${web.ngo} (both 127.0.0.1)\n`);
    const code = await checkCommand(
      ["--data", dataFile, "--out", outDir, "--timeout", "2s", "--retries", "1", "--dns-retry-wait", "1s", "--archive", "off", "--resolve", "www.agency.demo=127.0.0.1", "--resolve", "www.ngo.demo=127.0.0.1"],
      io,
    );
    if (code === 2) return 2;
    io.stdout(`\n${await readFile(join(outDir, "report.md"), "utf8")}`);
    io.stderr(`\nThe checker exited ${code} (1 = broken or moved links found, as the demo intends). Files: ${outDir}/\n`);
    return 0;
  } finally {
    await web.close();
  }
}

runMain("demo", demo);

// Runs a command's main function in the test's own process, through the same runCommand that the
// real entry point uses (errors to exit codes), capturing what it prints. For the tests where the
// process boundary is not what is tested: starting node and tsx for each run costs about a second
// of CPU, which on a loaded 2-core machine is what makes a suite slow and unsteady.
import { runCommand, type Io } from "@td/cli";
import type { CliResult } from "./run-cli.ts";

export async function runInProcess(name: string, main: (argv: string[], io: Io) => Promise<number>, args: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  };
  const code = await runCommand(name, main, [...args], io);
  return { code, stdout, stderr };
}

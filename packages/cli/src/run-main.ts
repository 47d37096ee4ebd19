// The one place a command catches errors and turns them into an exit code.
import { InputError, UsageError } from "./errors.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Exit code for a bug or an unexpected failure of the command itself. */
export const EXIT_INTERNAL = 4;

export async function runCommand(
  name: string,
  main: (argv: string[], io: Io) => Promise<number>,
  argv: string[],
  io: Io = processIo,
): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${name}: ${error.message}\nRun "npm run ${name} -- --help" for usage.\n`);
      return error.exitCode;
    }
    if (error instanceof InputError) {
      io.stderr(`${name}: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join("")}`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`${name}: internal error, please report it:\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}

/** Runs a command as the process's entry point and sets the exit code (without cutting output short). */
export function runMain(name: string, main: (argv: string[], io: Io) => Promise<number>): void {
  void runCommand(name, main, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

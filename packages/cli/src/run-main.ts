// The one place a command catches errors and turns them into an exit code.
import { InputError, OutputError, UsageError } from "./errors.ts";
import { removeTemporaryFiles } from "./write-atomic.ts";

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
    if (error instanceof OutputError) {
      io.stderr(`${name}: ${error.message}; nothing was written\n`);
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

/** Exit codes for a run stopped by a signal, as shells report them (128 + the signal's number). */
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs a command as the process's entry point and sets the exit code (without cutting output
 * short). Ctrl-C or SIGTERM stops it at once, and the temporary files of a write in progress are
 * removed first, so nothing half-written is left behind.
 */
export function runMain(name: string, main: (argv: string[], io: Io) => Promise<number>): void {
  for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
    process.once(signal, () => {
      const removed = removeTemporaryFiles();
      process.stderr.write(`\n${name}: stopped by ${signal}${removed > 0 ? `; ${removed} unfinished file${removed === 1 ? "" : "s"} removed` : ""}\n`);
      process.exit(SIGNALS[signal]);
    });
  }
  void runCommand(name, main, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

// The few errors a command throws on purpose. Each carries the exit code it ends the run with.

/** Bad flags or arguments: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  readonly exitCode = 2;
  override readonly name = "UsageError";
}

/** Output that cannot be written (a file in the way, a read-only folder, a full disk): exit 2, the path and reason named. */
export class OutputError extends Error {
  readonly exitCode = 2;
  override readonly name = "OutputError";
}

/** Input that cannot be used (invalid data or report file): exit 2, lines already formatted. */
export class InputError extends Error {
  readonly exitCode = 2;
  override readonly name = "InputError";
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

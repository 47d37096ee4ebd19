// Flag parsing on node:util parseArgs, turning its errors into UsageError with a readable message.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<T extends Options>(argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(cleanParseArgsMessage(error));
  }
}

function cleanParseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs appends advice meant for programmers ("To specify a positional argument ..."); keep the first sentence.
  return message.split(/\. To /)[0]!.replace(/'/g, '"');
}

export function parseIntegerFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Accepts "15", "15s", "1500ms", "2m"; returns milliseconds. */
export function parseDurationFlag(name: string, raw: string | undefined, fallbackMs: number): number {
  if (raw === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new UsageError(`--${name} must be a duration such as 15, 15s or 1500ms, got "${raw}"`);
  const unit = match[2] ?? "s";
  const ms = Number(match[1]) * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000);
  if (ms < 1 || ms > 600_000) throw new UsageError(`--${name} must be between 1ms and 10m, got "${raw}"`);
  return Math.round(ms);
}

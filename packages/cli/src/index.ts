export * from "./errors.ts";
export * from "./args.ts";
export * from "./run-main.ts";
export * from "./write-atomic.ts";
export * from "./fs-errors.ts";

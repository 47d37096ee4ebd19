export * from "./testdir.ts";
export * from "./run-cli.ts";

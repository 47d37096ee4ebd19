export * from "./testdir.ts";
export * from "./run-cli.ts";
export * from "./run-in-process.ts";
export * from "./browser.ts";
export * from "./fake-archive.ts";
export * from "./outage-directory.ts";

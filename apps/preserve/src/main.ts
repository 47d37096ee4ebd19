import { runMain } from "@td/cli";
import { preserveCommand } from "./preserve-command.ts";

runMain("preserve", (argv, io) => preserveCommand(argv, io));

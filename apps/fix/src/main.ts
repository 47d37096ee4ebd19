import { runMain } from "@td/cli";
import { fixCommand } from "./fix-command.ts";

runMain("fix", (argv, io) => fixCommand(argv, io));

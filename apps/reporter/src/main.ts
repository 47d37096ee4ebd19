import { runMain } from "@td/cli";
import { reportCommand } from "./report-command.ts";

runMain("report", (argv, io) => reportCommand(argv, io));

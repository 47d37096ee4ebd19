import { runMain } from "@td/cli";
import { checkCommand } from "./check-command.ts";

runMain("check", checkCommand);

import { runMain } from "@td/cli";
import { validateCommand } from "./validate-command.ts";

runMain("validate", validateCommand);

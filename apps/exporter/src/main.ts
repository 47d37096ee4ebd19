import { runMain } from "@td/cli";
import { exportCommand } from "./export-command.ts";

runMain("export", exportCommand);

import { runMain } from "@td/cli";
import { siteCommand } from "./site/site-command.ts";

runMain("site", (argv, io) => siteCommand(argv, io));

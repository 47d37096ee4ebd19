import { runMain } from "@td/cli";
import { bench } from "./bench-command.ts";

runMain("bench", bench);

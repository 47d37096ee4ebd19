// Writes data/resources.schema.json from the zod schema: `npm run schema:write`.
import { writeFile } from "node:fs/promises";
import { renderDirectoryJsonSchema } from "../src/json-schema.ts";

const target = new URL("../../../data/resources.schema.json", import.meta.url);
await writeFile(target, renderDirectoryJsonSchema());
process.stdout.write(`wrote ${target.pathname}\n`);

// The JSON Schema that editors use to validate data/resources.json while typing.
// Generated from the zod schema; a test keeps the committed copy in sync.
import { z } from "zod";
import { Directory } from "./directory.ts";

export function directoryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Directory, {
    target: "draft-2020-12",
    io: "input",
    // zod's URL check (http and https only) has no JSON Schema form of its own; a pattern says the same.
    override: (ctx) => {
      if (ctx.jsonSchema.format === "uri") ctx.jsonSchema.pattern = "^https?://";
    },
  });
  return {
    ...schema,
    $id: "https://github.com/training-directory/training-directory/data/resources.schema.json",
    title: "Training directory",
    description: "Generated from packages/schema (npm run schema:write). Do not edit by hand.",
  };
}

export function renderDirectoryJsonSchema(): string {
  return `${JSON.stringify(directoryJsonSchema(), null, 2)}\n`;
}

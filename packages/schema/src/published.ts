// The machine-readable directory the public site publishes (directory.json): every resource as in
// the data, plus what the last check found of it. Its JSON Schema is generated from this, as the
// data's is, and published beside it (directory.schema.json).
import { z } from "zod";
import { DEFAULT_LANGUAGE, HttpUrl, LanguageTag, Resource, Section } from "./directory.ts";
import { STATUSES } from "./report.ts";

export const PublishedResource = Resource.extend({
  /** The link's health at the last check, or "unchecked" when the site was built without a report (or its URL changed since). */
  status: z.enum([...STATUSES, "unchecked"]),
  checkedAt: z.iso.datetime().nullable(),
  /** For a moved or redirected resource: its new address. */
  suggestedUrl: HttpUrl.nullable(),
  /** For a stand-in: the document the check found behind the page (to be confirmed in review). */
  documentUrl: HttpUrl.nullable(),
  /** An archived copy in the web archive, when one is known. */
  archivedUrl: HttpUrl.nullable(),
});
export type PublishedResource = z.infer<typeof PublishedResource>;

export const PublishedDirectory = z.strictObject({
  $schema: z.string().optional(),
  title: z.string(),
  language: LanguageTag.default(DEFAULT_LANGUAGE),
  /** The day the site was built (its --date). */
  published: z.iso.date(),
  /** When the links were last checked, or null. */
  checkedAt: z.iso.datetime().nullable(),
  sections: z.array(Section),
  resources: z.array(PublishedResource),
});
export type PublishedDirectory = z.infer<typeof PublishedDirectory>;

export function publishedDirectoryJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PublishedDirectory, {
      target: "draft-2020-12",
      io: "output",
      override: (ctx) => {
        if (ctx.jsonSchema.format === "uri") ctx.jsonSchema.pattern = "^https?://";
      },
    }),
    title: "Training directory, as published",
    description: "directory.json of the public site: every resource as in the data plus its last check. Generated from packages/schema.",
  };
}

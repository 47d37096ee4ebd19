// The directory data: the single source of truth for what a resource is.
// Every app imports these schemas and the types inferred from them; there are no hand-written twins.
import { z } from "zod";

export const FORMATS = ["pdf", "ppt", "doc", "video", "web", "course"] as const;
export const AUDIENCES = [
  "victims",
  "individuals",
  "first-responders",
  "law-enforcement",
  "businesses",
  "legal-professionals",
  "ngos",
] as const;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, single hyphens)");

/** An absolute http(s) URL; other schemes (ftp:, file:, mailto:, javascript:) are refused. */
export const HttpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) =>
    issue.input === undefined ? "is required" : "must be an absolute http(s) URL",
});

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/**
 * A near-duplicate fingerprint of a document's text (its first pages): a 64-bit SimHash of word
 * 3-shingles, written `simhash64:` and 16 hex digits. Re-saved copies of the same text are a few
 * bits apart; `npm run check -- --write-fingerprints` fills it in.
 */
export const TextFingerprint = z
  .string()
  .regex(/^simhash64:[0-9a-f]{16}$/, 'must be "simhash64:" and 16 lowercase hex digits')
  .describe("A near-duplicate fingerprint of the document's text: simhash64 and 16 hex digits (npm run check -- --write-fingerprints)");

export const Format = z.enum(FORMATS);
export type Format = z.infer<typeof Format>;

/** The formats a stand-in page can stand in for: everything but a web page itself. */
export const STAND_IN_FORMATS = ["pdf", "ppt", "doc", "video", "course"] as const;
export const StandInFormat = z
  .enum(STAND_IN_FORMATS)
  .describe(
    "Set when `url` is a publisher's page standing in for the resource (a topic, campaign or publication page) because the resource's own address is not known yet: the format of the resource itself. `format` stays what the URL serves (web). The check looks for the document behind the page.",
  );
export type StandInFormat = z.infer<typeof StandInFormat>;

/**
 * The newest good copy of the resource in the web archive, as `npm run preserve` last confirmed it:
 * a capture that answered 200 with the resource itself (not a "not found" or challenge page).
 */
export const ArchivedCopy = z
  .strictObject({
    url: HttpUrl.describe("The capture's address in the web archive (BASE/web/TIMESTAMP/original URL)"),
    capturedAt: z.iso.datetime({ message: "must be an ISO 8601 date and time in UTC, such as 2026-11-30T06:00:00Z" }).describe("When the archive captured it (UTC)"),
  })
  .describe("The newest good copy of the resource in the web archive, recorded by npm run preserve: the check offers it when the link breaks, and every output shows it");
export type ArchivedCopy = z.infer<typeof ArchivedCopy>;

export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const Section = z.strictObject({
  id: slug,
  title: nonEmpty("title"),
});
export type Section = z.infer<typeof Section>;

export const Resource = z.strictObject({
  id: slug,
  title: nonEmpty("title"),
  publisher: nonEmpty("publisher"),
  description: z.string(),
  url: HttpUrl,
  format: Format,
  section: slug,
  audiences: z.array(Audience).min(1, "must list at least one audience"),
  standInFor: StandInFormat.optional(),
  archivedCopy: ArchivedCopy.optional(),
  sizeHint: z.string().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
    .optional(),
  sizeBytes: z.int("must be a whole number of bytes").nonnegative().optional(),
  textFingerprint: TextFingerprint.optional(),
  sourcePage: HttpUrl.optional(),
  previousUrls: z.array(HttpUrl).optional(),
  notes: z.string().optional(),
});
export type Resource = z.infer<typeof Resource>;

/** A BCP 47 language tag ("en-US", "es", "fr-CA"), as the handout and the web page declare it. */
export const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as en-US")
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, "must be a BCP 47 language tag such as en-US")
  .describe("The language of the directory's text, a BCP 47 tag (en-US when absent)");

export const DEFAULT_LANGUAGE = "en-US";

export const Directory = z.strictObject({
  $schema: z.string().optional(),
  title: nonEmpty("title"),
  language: LanguageTag.optional(),
  sections: z.array(Section).min(1, "must list at least one section"),
  resources: z.array(Resource),
});
export type Directory = z.infer<typeof Directory>;

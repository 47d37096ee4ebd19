// The page's structured data: a schema.org ItemList of the resources (LearningResource, or
// DigitalDocument for documents), with publisher, audience, encoding format and the archived
// copy when one is known, so search engines index the directory. Pure.
import type { PublishedDirectory } from "@td/schema";

const MEDIA: Record<string, string> = { pdf: "application/pdf", ppt: "application/vnd.ms-powerpoint", doc: "application/msword", web: "text/html", course: "text/html", video: "text/html" };

export function directoryJsonLd(directory: PublishedDirectory, baseUrl: string | undefined): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "ItemList",
    name: directory.title,
    ...(baseUrl !== undefined ? { url: baseUrl } : {}),
    inLanguage: directory.language,
    numberOfItems: directory.resources.length,
    itemListElement: directory.resources.map((r, i) => ({
      "@type": "ListItem",
      position: i + 1,
      item: {
        "@type": r.format === "pdf" || r.format === "doc" || r.format === "ppt" ? "DigitalDocument" : "LearningResource",
        name: r.title,
        url: r.url,
        ...(r.description !== "" ? { description: r.description } : {}),
        publisher: { "@type": "Organization", name: r.publisher },
        audience: r.audiences.map((a) => ({ "@type": "Audience", audienceType: a })),
        encodingFormat: MEDIA[r.standInFor ?? r.format] ?? "text/html",
        ...(r.archivedUrl !== null ? { archivedAt: r.archivedUrl } : {}),
      },
    })),
  };
}

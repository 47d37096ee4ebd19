// feed.xml: the changes as an Atom 1.0 feed, written by the `feed` library. Pure given its inputs.
import { Feed } from "feed";
import type { Change } from "./changes.ts";

export function renderFeed(input: { title: string; published: string; baseUrl: string | undefined; language: string; changes: readonly Change[] }): string {
  const site = input.baseUrl ?? "";
  const updated = new Date(`${(input.changes[0]?.date ?? input.published)}T00:00:00Z`);
  const feed = new Feed({
    title: `${input.title}: changes`,
    description: "Resources added to or removed from the directory, given a new address, become unavailable or recovered.",
    id: input.baseUrl ?? "urn:training-directory:feed",
    ...(input.baseUrl !== undefined ? { link: input.baseUrl } : {}),
    language: input.language,
    updated,
    generator: "training-directory",
    copyright: "",
    feedLinks: { atom: `${site}feed.xml` },
    author: { name: "training-directory" },
  });
  for (const c of input.changes) {
    feed.addItem({
      title: c.title,
      id: c.id,
      link: c.link ?? (input.baseUrl ?? "index.html"),
      description: c.summary,
      content: c.summary,
      date: new Date(`${c.date}T00:00:00Z`),
      category: [{ name: c.kind }],
    });
  }
  return feed.atom1();
}

// The previous published site, to compare with: its directory.json and changes.json, from a
// folder or from its public address. A first publication has none: a missing folder, or an
// address that answers 404 (GitHub Pages before the first deploy), is "no previous site".
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InputError } from "@td/cli";
import { PublishedDirectory } from "@td/schema";
import type { Change } from "./changes.ts";

const ChangesFile = z.object({
  changes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["published", "added", "removed", "new-address", "unavailable", "recovered"]),
      date: z.string(),
      resourceId: z.string().nullable(),
      title: z.string(),
      summary: z.string(),
      link: z.string().nullable(),
    }),
  ),
});

export interface PreviousSite {
  directory: PublishedDirectory | undefined;
  changes: Change[];
  /** How it was read, for the command's output. */
  note: string;
}

export async function readPreviousSite(where: string | undefined, fetchImpl: typeof fetch = fetch): Promise<PreviousSite> {
  if (where === undefined) return { directory: undefined, changes: [], note: "no previous site given: the feed starts with this publication" };
  const remote = /^https?:\/\//i.test(where);
  const get = async (name: string): Promise<string | undefined> => {
    if (!remote) return readFile(join(where, name), "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)));
    const url = new URL(name, where.endsWith("/") ? where : `${where}/`);
    let answer: Response;
    try {
      answer = await fetchImpl(url, { redirect: "follow", signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new InputError(`--previous-site: ${url.href} could not be read (${(error as Error).message}); give a folder instead, or leave --previous-site out for a first publication`);
    }
    if (answer.status === 404) return undefined;
    if (!answer.ok) throw new InputError(`--previous-site: ${url.href} answered HTTP ${answer.status}`);
    return answer.text();
  };
  const directoryText = await get("directory.json");
  if (directoryText === undefined) return { directory: undefined, changes: [], note: `no previous site at ${where} (a first publication)` };
  const parse = <T>(text: string, schema: z.ZodType<T>, name: string): T => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new InputError(`--previous-site: ${name} of ${where} is not JSON`);
    }
    const read = schema.safeParse(raw);
    if (!read.success) throw new InputError(`--previous-site: ${name} of ${where} is not a published directory's (${read.error.issues[0]?.path.join(".")}: ${read.error.issues[0]?.message})`);
    return read.data;
  };
  const directory = parse(directoryText, PublishedDirectory, "directory.json");
  const changesText = await get("changes.json");
  const changes = changesText === undefined ? [] : parse(changesText, ChangesFile, "changes.json").changes;
  return { directory, changes, note: `compared with the site at ${where} (published ${directory.published})` };
}

// Pages of a site that list its documents ("Resources", "Publications", "Library", "Documents"…),
// found among the home page's links: a moved document is often two links from home. Pure.
import type { PageInfo, PageLink } from "../analyze/html-page.ts";

/** Link texts or last path segments that name a listing of documents, in the directory's languages. */
const HUB =
  /^(?:resources?|publications?|library|documents?|reports?|materials?|downloads?|toolkits?|guides?|fact ?sheets?|training(?: materials?| resources?)?|recursos|publicaciones|documentos|biblioteca|ressources|documentation|biblioth[èe]que|publica[çc][õo]es|публикации|документы|ресурсы|библиотека|المنشورات|الموارد|الوثائق|出版物|资源|文件|文献)$/iu;

/** The home page's links to hub pages on the same site, best named first, each once. */
export function hubLinks(home: PageInfo | undefined, origin: string): PageLink[] {
  const seen = new Set<string>();
  const out: PageLink[] = [];
  for (const link of home?.links ?? []) {
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      continue;
    }
    if (url.origin !== origin || url.pathname === "/" || seen.has(url.href)) continue;
    const text = link.text.replace(/\s+/g, " ").trim();
    const segment = decodeURIComponent(url.pathname.split("/").filter((s) => s !== "").at(-1) ?? "").replace(/[-_]+/g, " ").replace(/\.\w+$/, "");
    if (!HUB.test(text) && !HUB.test(segment)) continue;
    seen.add(url.href);
    const name = HUB.test(text) ? text : segment;
    out.push({ url: url.href, text: name, label: name });
  }
  return out;
}

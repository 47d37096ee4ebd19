// Pages that say "not found" while answering 200, parked domains, and deep links that land on a
// site's home page. Each finding is a reason a maintainer can read.
import type { PageInfo } from "./html-page.ts";

/**
 * What a "not found" page says of itself, in the six UN languages, Portuguese and German: phrases
 * about a page, document or file that is missing, never "not found" alone, which an article about
 * missing persons may say.
 */
const NOT_FOUND_PHRASES = [
  // English
  /page (?:was |is )?not found/i,
  /(?:document|file|resource|content) (?:was |is )?not found/i,
  /cannot be found|can't be found|could not be found|couldn't be found/i,
  /no longer (?:available|exists)/i,
  /(?:page|document|file|resource) (?:does not|doesn't) exist/i,
  /page you (?:requested|are looking for|were looking for)/i,
  /\b(?:error 404|404 error|404 not found|http 404)\b/i,
  // Spanish, French, Portuguese, German
  /p[áa]gina no (?:encontrada|existe)|no se (?:encontr[óo]|ha encontrado|pudo encontrar) la p[áa]gina|la p[áa]gina que (?:busca|buscas|solicit[óo]) no existe/i,
  /page (?:introuvable|non trouv[ée]e)|la page (?:demand[ée]e|que vous recherchez) n'existe (?:pas|plus)|erreur 404/i,
  /p[áa]gina n[ãa]o (?:encontrada|existe)|a p[áa]gina que (?:voc[êe] )?(?:procura|está procurando) n[ãa]o existe|erro 404/i,
  /seite (?:wurde )?nicht gefunden/i,
  // Russian
  /страница не найдена|страница не существует|запрашиваемая страница не (?:найдена|существует)|документ не найден|ошибка 404/iu,
  // Arabic
  /الصفحة غير موجودة|الصفحة المطلوبة غير موجودة|لم يتم العثور على الصفحة|تعذر العثور على الصفحة|الصفحة التي تبحث عنها غير موجودة|خطأ 404/u,
  // Chinese (simplified and traditional)
  /页面未找到|找不到(?:该|此|您要的|您请求的)?页面|页面不存在|您(?:访问|请求|要找)的页面不存在|找不到網頁|找不到(?:該|此)?頁面|頁面不存在|网页不存在|網頁不存在/u,
];

/** In a title or main heading only: a bare 404, or "not found" standing as the title (or a part of it) itself. */
const TITLE_ONLY = [/(?:^|[^\d])404(?:[^\d]|$)/, /^\W*not found\b/i, /[|\-–—:·]\s*not found\W*$/i];
const PARKED = [
  /this domain (?:name )?(?:is|may be) for sale/i,
  /buy this domain/i,
  /domain (?:is )?parked/i,
  /parked (?:free|domain)/i,
  /sedoparking|parkingcrew|bodis\.com|hugedomains/i,
];

/** Why this page looks like a "not found" or parked page, or undefined. */
export function detectSoftNotFound(page: PageInfo): string | undefined {
  for (const pattern of PARKED) {
    if (pattern.test(page.title) || pattern.test(page.text.slice(0, 3000))) return "parked domain page";
  }
  const says = (text: string, patterns: readonly RegExp[]) => patterns.some((p) => p.test(text));
  if (says(page.title, NOT_FOUND_PHRASES) || says(page.title, TITLE_ONLY)) return `soft 404: the page title is "${page.title}"`;
  const heading = page.headings.find((h) => says(h, NOT_FOUND_PHRASES) || says(h, TITLE_ONLY));
  if (heading !== undefined) return `soft 404: the page heading says "${heading}"`;
  // On a short page the text alone is telling; on a long one a mention of 404 is not.
  if (page.text.length < 1500) {
    const phrase = NOT_FOUND_PHRASES.find((p) => p.test(page.text));
    if (phrase !== undefined) return `soft 404: the page says "${phrase.exec(page.text)![0]}"`;
  }
  return undefined;
}

/** A deep URL whose redirects end on the site's home page: the usual fate of a removed document. */
export function landedOnHomePage(originalUrl: string, finalUrl: string): boolean {
  if (originalUrl === finalUrl) return false;
  const before = new URL(originalUrl);
  const after = new URL(finalUrl);
  const isHome = (u: URL) => /^\/(?:(?:index|default|home)(?:\.\w+)?)?$/i.test(u.pathname) && u.search === "";
  return !isHome(before) && isHome(after);
}

/** Token similarity of two texts (Jaccard over word sets), 0..1. */
export function textSimilarity(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The directory as a web page: one self-contained HTML file (and the same list as a fragment for
// a site's CMS), rendered from the export rows with Preact, which escapes every text and
// attribute by construction: a title like <img src=x onerror=…> shows as text. Pure.
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import type { ExportRow } from "../rows.ts";
import { PAGE_CSS } from "./styles.ts";
import { formatDate } from "../outputs.ts";

export interface PageSection {
  id: string;
  title: string;
  rows: ExportRow[];
}

export interface PageInput {
  title: string;
  /** BCP 47, for <html lang>. */
  language: string;
  /** "Exported on November 30, 2026". */
  dateLine: string;
  /** When a report was given: "Links checked on …". */
  checkedLine: string | undefined;
  /** The report's check date in words, for each resource's status. */
  checkedOn: string | undefined;
  sections: PageSection[];
  /** On the public site: its downloads, feed, canonical address and structured data. */
  site?: SiteExtras;
}

export interface SiteExtras {
  /** The site's public address (canonical link), when known. */
  canonical: string | undefined;
  /** The change feed, relative to the page. */
  feedHref: string;
  downloads: { href: string; label: string; description: string }[];
  /** schema.org structured data (JSON-LD), for search engines. */
  jsonLd: unknown;
}

/** JSON for a <script> element: nothing in it can close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

const FORMAT_NAMES: Record<ExportRow["format"], string> = { pdf: "PDF", ppt: "Presentation", doc: "Document", video: "Video", web: "Web page", course: "Online course" };

/** The whole page, `<!doctype html>` included. */
export function renderPage(input: PageInput): string {
  return `<!doctype html>\n${render(<DirectoryPage {...input} />)}\n`;
}

/** The list alone (sections and resources, no html, head or styles), for pasting into a site. */
export function renderFragment(input: PageInput): string {
  return `${render(<DirectoryList sections={input.sections} checkedOn={input.checkedOn} />)}\n`;
}

function DirectoryPage(input: PageInput) {
  const total = input.sections.reduce((n, s) => n + s.rows.length, 0);
  return (
    <html lang={input.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{input.title}</title>
        {input.site?.canonical !== undefined && <link rel="canonical" href={input.site.canonical} />}
        {input.site !== undefined && <link rel="alternate" type="application/atom+xml" title="Changes to the directory" href={input.site.feedHref} />}
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
        {input.site !== undefined && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(input.site.jsonLd) }} />}
      </head>
      <body>
        <a class="skip" href="#directory">
          Skip to the directory
        </a>
        <header>
          <h1>{input.title}</h1>
          <p class="meta">
            {total} training resources in {input.sections.length} sections. {input.dateLine}.
          </p>
          {input.checkedLine !== undefined && <p class="meta">{input.checkedLine}</p>}
          {input.site !== undefined && (
            <section aria-labelledby="downloads-heading" class="downloads">
              <h2 id="downloads-heading">Downloads</h2>
              <ul>
                {input.site.downloads.map((d) => (
                  <li key={d.href}>
                    <a href={d.href}>{d.label}</a>: {d.description}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <nav aria-labelledby="contents-heading">
            <h2 id="contents-heading">Contents</h2>
            <ol>
              {input.sections.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{s.title}</a> ({s.rows.length})
                </li>
              ))}
            </ol>
          </nav>
        </header>
        <main id="directory" tabIndex={-1}>
          <DirectoryList sections={input.sections} checkedOn={input.checkedOn} />
        </main>
        <footer>
          <p>
            {input.checkedLine !== undefined ? "Generated from the directory's data and its latest link check." : "Generated from the directory's data; its links were not checked for this page."} Each title
            links to the resource; its publisher, format and size follow.
          </p>
        </footer>
      </body>
    </html>
  );
}

function DirectoryList(props: { sections: PageSection[]; checkedOn: string | undefined }) {
  return (
    <div class="training-directory">
      {props.sections.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`}>
          <h2 id={`${section.id}-heading`}>{section.title}</h2>
          {section.rows.length === 0 ? (
            <p class="empty">No resources in this section yet.</p>
          ) : (
            <ul class="resources">
              {section.rows.map((row) => (
                <Resource key={row.id} row={row} checkedOn={props.checkedOn} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

function Resource({ row, checkedOn }: { row: ExportRow; checkedOn: string | undefined }) {
  const moved = (row.status === "moved" || row.status === "redirected") && row.suggestedUrl !== null;
  const href = moved ? row.suggestedUrl! : row.url;
  const details = [row.publisher, FORMAT_NAMES[row.format], row.size].filter((part) => part !== "").join(" · ");
  return (
    <li class="resource" id={`resource-${row.id}`}>
      <article aria-labelledby={`title-${row.id}`}>
        <h3 id={`title-${row.id}`}>
          <a href={href}>{row.title}</a>
        </h3>
        <p class="details">{details}</p>
        {row.urlNote !== "" && <p class="stand-in">{row.urlNote}</p>}
        <Status row={row} checkedOn={checkedOn} />
        {row.description !== "" && <p>{row.description}</p>}
        {row.archivedUrl !== null && row.status !== "broken" && (
          <p class="archived">
            <a href={row.archivedUrl}>Archived copy</a>
            {row.archivedAt !== null ? ` of ${formatDate(new Date(row.archivedAt))}` : ""} in the web archive
          </p>
        )}
      </article>
    </li>
  );
}

/** The link's health in words (never colour alone), when a report was given. */
function Status({ row, checkedOn }: { row: ExportRow; checkedOn: string | undefined }) {
  if (row.status === "unchecked") return null;
  const when = checkedOn !== undefined ? ` (checked ${checkedOn})` : "";
  const line = (label: string, rest?: ComponentChildren) => (
    <p>
      <span class={`status status-${row.status}`}>{label}</span>
      {rest}
      {when}
    </p>
  );
  switch (row.status) {
    case "ok":
      return line("Link working");
    case "redirected":
    case "moved":
      return line(
        "New address",
        <>
          {" "}
          the resource moved to <a href={row.suggestedUrl ?? row.url}>{row.suggestedUrl ?? row.url}</a>; it was at <span class="old-url">{row.url}</span>
        </>,
      );
    case "broken":
      return line(
        "Currently unavailable",
        row.archivedUrl !== null ? (
          <>
            {" "}
            an <a href={row.archivedUrl}>archived copy</a>
            {row.archivedAt !== null ? ` of ${formatDate(new Date(row.archivedAt))}` : ""} may help
          </>
        ) : undefined,
      );
    case "error":
      return line("Not confirmed", <> the link could not be checked; it may still work</>);
    default: {
      const never: never = row.status;
      return never;
    }
  }
}

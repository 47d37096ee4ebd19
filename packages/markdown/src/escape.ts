// Text from the data or from remote pages goes into issues: it must not ping people (@mentions),
// reference issues (#12), or inject HTML or Markdown. URLs are shown as code, links separately.

/** Escapes Markdown and HTML and defuses @mentions and #references. */
export function escapeText(text: string): string {
  return text
    .replace(/\r?\n|\r/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]#|~])/g, "\\$1")
    .replace(/@/g, "@\u200b");
}

/** A URL as inline code that cannot be broken out of, plus an autolink for http(s) URLs. */
export function linkUrl(url: string): string {
  const safe = /^https?:\/\/[^\s<>`]+$/.test(url);
  return safe ? `<${url}>` : codeSpan(url);
}

export function codeSpan(text: string): string {
  const clean = text.replace(/\r?\n|\r/g, " ");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${clean.startsWith("`") || clean.endsWith("`") ? ` ${clean} ` : clean}${fence}`;
}

/** Cuts text to `max` characters at a line break when it can, and says so. */
export function truncate(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  const room = max - note.length - 2;
  const cut = text.lastIndexOf("\n", room);
  return `${text.slice(0, cut > room / 2 ? cut : room)}\n\n${note}`;
}

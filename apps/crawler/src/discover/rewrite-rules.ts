// A host's own rewrite pattern: when several of its documents moved the same way (the same old
// path prefix to the same new prefix), the others probably did too (as in the FABLE study). Pure.

export interface RewriteRule {
  fromOrigin: string;
  fromPrefix: string;
  toOrigin: string;
  toPrefix: string;
  /** How many resources moved this way. */
  support: number;
}

function split(url: URL): string[] {
  return url.pathname.split("/").filter((s) => s !== "");
}

/** The rule one move shows: the common tail of the paths is kept, the heads are the prefixes. */
export function ruleOf(oldUrl: string, newUrl: string): Omit<RewriteRule, "support"> | undefined {
  const a = new URL(oldUrl);
  const b = new URL(newUrl);
  const x = split(a);
  const y = split(b);
  let tail = 0;
  while (tail < x.length && tail < y.length && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail += 1;
  if (tail === 0 || (tail === x.length && tail === y.length && a.origin === b.origin)) return undefined;
  return {
    fromOrigin: a.origin,
    fromPrefix: `/${x.slice(0, x.length - tail).join("/")}`,
    toOrigin: b.origin,
    toPrefix: `/${y.slice(0, y.length - tail).join("/")}`,
  };
}

export function learnRules(moves: readonly { oldUrl: string; newUrl: string }[]): RewriteRule[] {
  const rules = new Map<string, RewriteRule>();
  for (const move of moves) {
    const rule = ruleOf(move.oldUrl, move.newUrl);
    if (rule === undefined) continue;
    const key = `${rule.fromOrigin}${rule.fromPrefix} ${rule.toOrigin}${rule.toPrefix}`;
    const known = rules.get(key);
    rules.set(key, { ...rule, support: (known?.support ?? 0) + 1 });
  }
  return [...rules.values()].sort((p, q) => q.support - p.support);
}

/** Where `url` would be under each rule that applies to it. */
export function applyRules(url: string, rules: readonly RewriteRule[]): { url: string; support: number }[] {
  const u = new URL(url);
  const out: { url: string; support: number }[] = [];
  for (const rule of rules) {
    if (u.origin !== rule.fromOrigin) continue;
    const prefix = rule.fromPrefix === "/" ? "/" : `${rule.fromPrefix}/`;
    if (!u.pathname.startsWith(prefix)) continue;
    const rest = u.pathname.slice(prefix.length);
    const target = new URL(`${rule.toPrefix === "/" ? "" : rule.toPrefix}/${rest}`, rule.toOrigin);
    target.search = u.search;
    if (target.href !== url) out.push({ url: target.href, support: rule.support });
  }
  return out;
}

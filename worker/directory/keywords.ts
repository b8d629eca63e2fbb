/** One search term: a word (matched as a prefix) or a quoted phrase (matched exactly). */
export type KeywordTerm = { text: string; phrase: boolean };
/** Terms within a group must all match; any one group matching is enough ("a b OR c"). */
export type KeywordQuery = KeywordTerm[][];

const MAX_TERMS = 8;

/**
 * Parses a directory keyword search the way TSML users type it: words are ANDed, `"quoted
 * phrases"` stay together, and a bare `OR` (any case) separates alternatives.
 */
export function parseKeywords(input: string): KeywordQuery {
  const groups: KeywordQuery = [[]];
  let count = 0;
  for (const match of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const phrase = match[1] !== undefined;
    const text = (match[1] ?? match[2] ?? "").trim();
    if (!phrase && text.toUpperCase() === "OR") {
      if (groups.at(-1)?.length) groups.push([]);
      continue;
    }
    // Terms with no letter or digit would match nothing in the tokenizer; drop them.
    if (!/[\p{L}\p{N}]/u.test(text) || count >= MAX_TERMS) continue;
    groups.at(-1)?.push({ text, phrase });
    count++;
  }
  return groups.filter((g) => g.length > 0);
}

/** The FTS5 MATCH expression for a parsed query (every term quoted, so no FTS syntax leaks in). */
export function toFtsMatch(query: KeywordQuery): string | null {
  if (!query.length) return null;
  const quote = (t: KeywordTerm) => `"${t.text.replaceAll('"', '""')}"${t.phrase ? "" : "*"}`;
  return query.map((group) => `(${group.map(quote).join(" AND ")})`).join(" OR ");
}

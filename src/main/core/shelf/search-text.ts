/**
 * Text normalisation shared by indexing and querying: NFKC folds full-width letters and digits
 * (ＡＢＣ１２３ → ABC123), lower case folds Latin. Both sides must agree or short queries miss.
 */
export const normaliseSearchText = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Characters as the user sees them (an emoji or a surrogate pair is one). */
const chars = (s: string): string[] => Array.from(s);

/**
 * The distinct 1- and 2-character grams of the given texts, for queries too short for trigrams.
 * Whitespace never belongs to a gram: "枣 夹" does not contain the gram "枣夹".
 */
export function shortGrams(texts: readonly (string | null | undefined)[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of normaliseSearchText(text).split(/\s+/)) {
      const cs = chars(word);
      for (let i = 0; i < cs.length; i++) {
        grams.add(cs[i]!);
        if (i + 1 < cs.length) grams.add(cs[i]! + cs[i + 1]!);
      }
    }
  }
  return [...grams];
}

/** The query as characters after normalisation; its length decides trigram or gram search. */
export function queryChars(query: string): string[] {
  return chars(normaliseSearchText(query).trim());
}

/**
 * An FTS5 string literal: the query as one phrase, quotes doubled, so no FTS syntax leaks in.
 * FTS5 reads its query as C text: a NUL ends it mid-string ("unterminated string"), and no
 * indexed text is searchable past a NUL either, so a query holding one has no phrase (null):
 * it matches nothing, for every caller, instead of failing.
 */
export function ftsPhrase(query: string): string | null {
  const text = normaliseSearchText(query).trim();
  if (text.includes('\u0000')) return null;
  return `"${text.replace(/"/g, '""')}"`;
}

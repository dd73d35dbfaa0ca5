// Folding of French text for search: case, accents, ligatures, hyphens, apostrophes and "St"/"Saint" all compare equal.
// Maps, not object literals: a word such as "constructor" must not find Object.prototype's.
const abbreviations = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);
const ligatures = new Map([
  ['œ', 'oe'],
  ['æ', 'ae'],
  ['ß', 'ss'],
]);

/** The words of `text`, folded: lowercase ASCII letters and digits, abbreviations expanded. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (letter) => ligatures.get(letter) ?? letter)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => abbreviations.get(word) ?? word);
}

/** `text` folded into one string of words separated by single spaces. */
export function fold(text: string): string {
  return foldWords(text).join(' ');
}

/**
 * An FTS5 query matching records that contain every word, each as a word prefix.
 * Words are [a-z0-9]+ after folding, so quoting them leaves no FTS5 syntax to inject.
 */
export function matchExpression(words: string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

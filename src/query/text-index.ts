// A collection's FTS5 search table mirrored in memory: its words, the rows holding each, and FTS5's own ranking
// (bm25, with its k1 = 1.2 and b = 0.75), so that a search selects and ranks rows exactly as the SQL of sql.ts does.
// The build writes folded text (src/db/search.ts: lowercase ASCII letters and digits, single spaces), which FTS5's
// unicode61 tokenizer splits at the spaces: the words here are FTS5's tokens.

/** One row of the search table (there is one per row of the collection): its row in the collection index and its columns. */
export interface SearchRow {
  row: number;
  nameKey: string;
  name: string;
  body: string;
}

export interface TextIndex {
  /** Distinct words of the indexed columns (name, body), sorted: the words a prefix matches are one run. */
  vocabulary: string[];
  /** Per word of the vocabulary, the rows holding it, ascending. */
  postings: Int32Array[];
  /** The words of each row (name then body, as ids in the vocabulary): row r's are from starts[r] to starts[r + 1]. */
  words: Int32Array;
  starts: Int32Array;
  /** Per row, its `name_key` column: the folded name the ranking compares with the search. */
  nameKeys: string[];
  /** Words per row over the table, FTS5's `avgdl`. */
  averageLength: number;
  /** Room for a search, per row, used again by the next (searches run one at a time, synchronously): no allocation per search. */
  work: { held: Uint8Array; lastWord: Uint8Array; matches: Int32Array };
}

/** Builds the index of a table of `size` rows from its search rows, one per row. */
export function textIndex(size: number, rows: SearchRow[]): TextIndex {
  // Words get ids in the order first seen, renumbered in vocabulary order at the end.
  const ids = new Map<string, number>();
  const holders: number[][] = [];
  const seen: number[] = [];
  const starts = new Int32Array(size + 1);
  const nameKeys: string[] = Array.from({ length: size }, () => '');
  for (const { row, nameKey, name, body } of [...rows].sort((a, b) => a.row - b.row)) {
    nameKeys[row] = nameKey;
    for (const word of `${name} ${body}`.split(' ')) {
      if (word === '') continue;
      let id = ids.get(word);
      if (id === undefined) {
        ids.set(word, (id = holders.length));
        holders.push([]);
      }
      const rowsOfWord = holders[id] as number[];
      if (rowsOfWord[rowsOfWord.length - 1] !== row) rowsOfWord.push(row);
      seen.push(id);
    }
    starts[row + 1] = seen.length;
  }
  for (let row = 1; row <= size; row++) starts[row] = Math.max(starts[row] as number, starts[row - 1] as number);
  const vocabulary = [...ids.keys()].sort();
  const renumbered = new Int32Array(vocabulary.length);
  vocabulary.forEach((word, id) => (renumbered[ids.get(word) as number] = id));
  return {
    vocabulary,
    postings: vocabulary.map((word) => Int32Array.from(holders[ids.get(word) as number] as number[])),
    words: Int32Array.from(seen).map((id) => renumbered[id] as number),
    starts,
    nameKeys,
    averageLength: seen.length / size,
    work: { held: new Uint8Array(size), lastWord: new Uint8Array(size), matches: new Int32Array(size) },
  };
}

/** The first index of `sorted` whose word is not before `word`. */
function lowerBound(sorted: string[], word: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether `word` starts a word of `name` (words separated by spaces): SQL's `(' ' || name) LIKE '% word%'`. */
function startsAWord(name: string, word: string): boolean {
  for (let at = name.indexOf(word); at !== -1; at = name.indexOf(word, at + 1)) if (at === 0 || name[at - 1] === ' ') return true;
  return false;
}

/** A search over a text index: which rows match every word (as FTS5's `"word"*`), and their rank. */
export interface TextSearch {
  /** The rows that match every word, in no particular order; overwritten by the next search of the same index. */
  rows: Int32Array;
  /** The ranking's first key (sql.ts): 0 the exact name, 1 a name prefix, 2 every word starts a word of the name, 3 other matches. */
  tier(row: number): number;
  /** FTS5's bm25() of a matching row: lower is better. */
  bm25(row: number): number;
}

/**
 * The search for folded `words` (at least one). `ln` is SQLite's natural logarithm: the one FTS5's bm25 calls, so
 * that the scores, and their ties, are SQLite's to the last bit.
 */
export function textSearch(index: TextIndex, words: string[], ln: (value: number) => number): TextSearch {
  const size = index.nameKeys.length;
  // Per row, how many of the words so far it holds (counted only while it holds all of them), and the last word
  // that counted it among its holders: one pass over each word's postings, none over the whole table.
  const { held, lastWord, matches } = index.work;
  held.fill(0);
  lastWord.fill(0);
  let matching = 0;
  // Per word, the run of the vocabulary it is a prefix of, and its inverse document frequency (FTS5's, over every row).
  const runs = words.map((word, i) => {
    const first = lowerBound(index.vocabulary, word);
    let last = first;
    while (last < index.vocabulary.length && (index.vocabulary[last] as string).startsWith(word)) last++;
    let hits = 0;
    for (let id = first; id < last; id++) {
      const postings = index.postings[id] as Int32Array;
      for (let at = 0; at < postings.length; at++) {
        const row = postings[at] as number;
        if (lastWord[row] === i + 1) continue;
        lastWord[row] = i + 1;
        hits++;
        if (held[row] !== i) continue;
        held[row] = i + 1;
        if (i === words.length - 1) matches[matching++] = row;
      }
    }
    const idf = ln((size - hits + 0.5) / (hits + 0.5));
    return { first, last, idf: idf <= 0 ? 1e-6 : idf };
  });
  const key = words.join(' ');
  return {
    rows: matches.subarray(0, matching),
    tier(row) {
      const name = index.nameKeys[row] as string;
      if (name === key) return 0;
      if (name.startsWith(key)) return 1;
      return words.every((word) => startsAWord(name, word)) ? 2 : 3;
    },
    bm25(row) {
      // fts5Bm25Function in SQLite's fts5_aux.c, operation for operation.
      const [from, to] = [index.starts[row] as number, index.starts[row + 1] as number];
      const length = to - from;
      let score = 0;
      for (const { first, last, idf } of runs) {
        let frequency = 0;
        for (let i = from; i < to; i++) {
          const id = index.words[i] as number;
          if (id >= first && id < last) frequency++;
        }
        score += idf * ((frequency * (1.2 + 1.0)) / (frequency + 1.2 * (1 - 0.75 + (0.75 * length) / index.averageLength)));
      }
      return -1.0 * score;
    },
  };
}

// The in-memory index of a collection, read from its SQLite tables once (the database is read-only while served):
// each filter and sort column as the rank of every row's value among the column's distinct values, the orders of the
// sort keys, and the search table's words (text-index.ts). A page of any selection is then one pass over a
// precomputed order, or over the matches of a ranked search, counting the selected rows as it goes. It chooses the
// rows the SQL of sql.ts chooses, in the same order: test/http/collection-index.test.ts compares both on generated queries.
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AnyCollection as Collection } from '../resources/collection.js';
import type { Selection } from './query.js';
import { readColumn, readIdOrder, readRows, readSearchRows, sqliteLn, type Db, type RowPage } from './sql.js';
import { textIndex, textSearch, type TextIndex, type TextSearch } from './text-index.js';

interface ColumnIndex {
  /** The column's distinct values in SQLite's ascending order, as stored (a JSON column's parsed). */
  values: unknown[];
  /** Per row, the index of its value in `values`. */
  ranks: Int32Array;
  /** The rows by this column ascending and descending, each then by id and rowid: built when first asked for. */
  orders: { ascending?: Int32Array; descending?: Int32Array };
  /** Per distinct value, room for a condition's verdicts on it, used again by the next condition on this column. */
  verdicts: Uint8Array;
}

/**
 * The index of one collection. Its rows are the collection table's, in rowid order. The rows and the id order are
 * read when it is made; each column, and the search table, when a query first needs them (so a server starts
 * without reading what no request asks for).
 */
export class CollectionIndex {
  readonly size: number;
  /** Every row, 0 to size - 1: what a selection without a search starts from. */
  readonly rows: Int32Array;
  readonly recordIds: Int32Array;
  /** The rows by id, then rowid: the order that ends every order. */
  readonly idOrder: Int32Array;
  /** Per row, its place in `idOrder`. */
  readonly idPlaces: Int32Array;
  readonly ln: (value: number) => number;
  /**
   * Room for a selection, per row, used again by the next (selections run one at a time, synchronously): its rows,
   * and a mark on each. Allocated per request, they were most of the garbage a search made at 35,000 items.
   */
  readonly work: { selected: Int32Array; chosen: Uint8Array };
  readonly #rowOf: Map<number, number>;
  readonly #columns = new Map<SQLiteColumn, ColumnIndex>();
  #text?: TextIndex;

  constructor(
    readonly db: Db,
    readonly collection: Collection,
  ) {
    const rows = readRows(db, collection);
    this.size = rows.length;
    this.rows = Int32Array.from(rows, (_row, row) => row);
    this.#rowOf = new Map(rows.map(([rowid], row) => [rowid, row]));
    this.recordIds = Int32Array.from(rows, ([, recordId]) => recordId);
    this.idOrder = Int32Array.from(readIdOrder(db, collection), (rowid) => this.#rowOf.get(rowid) as number);
    this.idPlaces = new Int32Array(this.size);
    this.idOrder.forEach((row, place) => (this.idPlaces[row] = place));
    this.ln = sqliteLn(db);
    this.work = { selected: new Int32Array(this.size), chosen: new Uint8Array(this.size) };
  }

  column(column: SQLiteColumn): ColumnIndex {
    let index = this.#columns.get(column);
    if (index) return index;
    const ranks = new Int32Array(this.size);
    const stored: unknown[] = [];
    for (const [rowid, value] of readColumn(this.db, this.collection, column)) {
      if (stored.length === 0 || stored[stored.length - 1] !== value) stored.push(value);
      ranks[this.#rowOf.get(rowid) as number] = stored.length - 1;
    }
    const values = column.columnType === 'SQLiteTextJson' ? stored.map((value) => JSON.parse(value as string) as unknown) : stored;
    this.#columns.set(column, (index = { values, ranks, orders: {}, verdicts: new Uint8Array(values.length) }));
    return index;
  }

  get text(): TextIndex {
    this.#text ??= textIndex(
      this.size,
      readSearchRows(this.db, this.collection).map(([rowid, nameKey, name, body]) => ({ row: this.#rowOf.get(rowid) as number, nameKey, name, body })),
    );
    return this.#text;
  }
}

const indexes = new WeakMap<Db, Map<Collection, CollectionIndex>>();

/** The index of `collection` in `db`, made at its first use. */
export function indexOf(db: Db, collection: Collection): CollectionIndex {
  let made = indexes.get(db);
  if (!made) indexes.set(db, (made = new Map()));
  let index = made.get(collection);
  if (!index) made.set(collection, (index = new CollectionIndex(db, collection)));
  return index;
}

/** The rows by `column`, then id and rowid: the rows of the id order, counted out by rank (a stable counting sort). */
function orderBy(index: CollectionIndex, column: ColumnIndex, descending: boolean): Int32Array {
  const direction = descending ? 'descending' : 'ascending';
  const known = column.orders[direction];
  if (known) return known;
  const count = column.values.length;
  const next = new Int32Array(count);
  for (let row = 0; row < index.size; row++) {
    const rank = column.ranks[row] as number;
    next[rank] = (next[rank] as number) + 1;
  }
  let place = 0;
  for (let step = 0; step < count; step++) {
    const rank = descending ? count - 1 - step : step;
    const rows = next[rank] as number;
    next[rank] = place;
    place += rows;
  }
  const order = new Int32Array(index.size);
  for (let place = 0; place < index.size; place++) {
    const row = index.idOrder[place] as number;
    const rank = column.ranks[row] as number;
    order[next[rank] as number] = row;
    next[rank] = (next[rank] as number) + 1;
  }
  return (column.orders[direction] = order);
}

/**
 * The rows of `rows` that meet every condition, in the index's working space: each distinct value of a column is
 * tested once, when a row first has it.
 */
function meeting(index: CollectionIndex, selection: Selection, rows: Int32Array): Int32Array {
  const selected = index.work.selected;
  for (const { operator, column, values } of selection.conditions) {
    const { values: distinct, ranks, verdicts } = index.column(column);
    const test = operator.test(column, values);
    // 0 not tested yet, 1 holds, 2 fails.
    verdicts.fill(0);
    let kept = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      const rank = ranks[row] as number;
      let verdict = verdicts[rank] as number;
      if (verdict === 0) verdicts[rank] = verdict = test(distinct[rank]) ? 1 : 2;
      if (verdict === 1) selected[kept++] = row;
    }
    // Kept rows never overtake the ones still to read: the next condition filters them in place.
    rows = selected.subarray(0, kept);
  }
  return rows;
}

type Window = { limit: number; offset: number };

/**
 * A page of the selected rows in the order of `sorts`: one pass over the first key's order (the id order when there
 * is none), counting; the ties of the first key are sorted by the others only where the page falls.
 */
function sortedPage(index: CollectionIndex, chosen: Uint8Array, sorts: Selection['sort'], page: Window): number[] {
  const [first, ...others] = sorts.map(({ key, descending }) => ({
    column: index.column(index.collection.sort[key] as SQLiteColumn),
    descending,
  }));
  const order = first ? orderBy(index, first.column, first.descending) : index.idOrder;
  const end = page.offset + page.limit;
  const rows: number[] = [];
  let seen = 0;
  if (!first || others.length === 0) {
    for (let place = 0; place < order.length; place++) {
      const row = order[place] as number;
      if (!chosen[row]) continue;
      if (seen >= page.offset && seen < end) rows.push(row);
      seen++;
      if (seen >= end) break;
    }
    return rows;
  }
  const ranks = first.column.ranks;
  // Rows with the same value of the first key, as its order lists them (by id): the rest of the order sorts them.
  const tie: number[] = [];
  const compare = (a: number, b: number) => {
    for (const { column, descending } of others) {
      const difference = (column.ranks[a] as number) - (column.ranks[b] as number);
      if (difference !== 0) return descending ? -difference : difference;
    }
    return 0;
  };
  const flush = () => {
    const start = seen - tie.length;
    if (start < end && seen > page.offset) for (const row of tie.sort(compare).slice(Math.max(page.offset - start, 0), end - start)) rows.push(row);
    tie.length = 0;
  };
  let rank = -1;
  for (let place = 0; place < order.length; place++) {
    const row = order[place] as number;
    if (!chosen[row]) continue;
    if (ranks[row] !== rank) {
      flush();
      if (seen >= end) break;
      rank = ranks[row] as number;
    }
    tie.push(row);
    seen++;
  }
  flush();
  return rows;
}

/**
 * A page of a ranked search's selected rows: by tier, then bm25, then id. Only the tiers the page falls in are
 * scored, their rows grouped by score (few distinct values), and only the groups the page falls in put in id order.
 */
function rankedPage(index: CollectionIndex, chosen: Int32Array, search: TextSearch, page: Window): number[] {
  const tiers: number[][] = [[], [], [], []];
  for (let i = 0; i < chosen.length; i++) {
    const row = chosen[i] as number;
    (tiers[search.tier(row)] as number[]).push(row);
  }
  const end = page.offset + page.limit;
  const rows: number[] = [];
  const byId = (a: number, b: number) => (index.idPlaces[a] as number) - (index.idPlaces[b] as number);
  let start = 0;
  for (const tier of tiers) {
    if (start >= end || start + tier.length <= page.offset) {
      start += tier.length;
      continue;
    }
    const byScore = new Map<number, number[]>();
    for (const row of tier) {
      const score = search.bm25(row);
      const tied = byScore.get(score);
      if (tied) tied.push(row);
      else byScore.set(score, [row]);
    }
    for (const score of [...byScore.keys()].sort((a, b) => a - b)) {
      const tied = byScore.get(score) as number[];
      if (start < end && start + tied.length > page.offset)
        for (const row of tied.sort(byId).slice(Math.max(page.offset - start, 0), end - start)) rows.push(row);
      start += tied.length;
    }
  }
  return rows;
}

/** One page (`limit` rows from `offset`) of the selection, and the count of every selected row. */
export function selectPage(index: CollectionIndex, selection: Selection, page: Window): RowPage {
  const recordIdsOf = (rows: number[]) => rows.map((row) => index.recordIds[row] as number);
  if (selection.search?.length === 0) return { total: 0, recordIds: [] };
  // A search selects among its matches only, without reading the whole table.
  const search = selection.search ? textSearch(index.text, selection.search, index.ln) : undefined;
  const rows = meeting(index, selection, search ? search.rows : index.rows);
  if (search && selection.sort.length === 0) return { total: rows.length, recordIds: recordIdsOf(rankedPage(index, rows, search, page)) };
  // The explicit order, or the default one unless a search ranks.
  const sorts = selection.sort.length > 0 || search ? selection.sort : index.collection.defaultSort.map((key) => ({ key, descending: false }));
  const chosen = index.work.chosen.fill(0);
  for (let i = 0; i < rows.length; i++) chosen[rows[i] as number] = 1;
  return { total: rows.length, recordIds: recordIdsOf(sortedPage(index, chosen, sorts, page)) };
}

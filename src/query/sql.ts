// The SQL of the queries: what the in-memory index (collection-index.ts) reads at start, the page's records, single
// items, and a selection as parameterised SQL over the collection's narrow table and its search table: the
// definition of what a selection means, which the index is checked against (test/http/collection-index.test.ts).
import { and, asc, count, desc, eq, getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { matchExpression } from '../db/search.js';
import { records } from '../db/tables.js';
import type { Selection } from './query.js';

export type Db = BetterSQLite3Database;

/** The FTS5 table of a collection (created by the build from the declarations, so not in tables.ts). */
function searchTable(collection: Collection) {
  return sqliteTable(`${getTableName(collection.table)}_search`, { rowid: integer(), nameKey: text('name_key'), name: text(), body: text() });
}

function rowidOf(collection: Collection): SQL {
  return sql`${collection.table}.rowid`;
}

function recordIdOf(collection: Collection): SQLiteColumn {
  return getTableColumns(collection.table).recordId as SQLiteColumn;
}

const recordStatements = new WeakMap<Db, { all(values: { ids: string }): { record: Buffer }[] }>();

/**
 * The records of `ids`, in the order of `ids`, as their stored JSON's UTF-8 bytes: one statement, prepared once,
 * joining the records to the page's ids (a JSON array, in order) is three times cheaper than reading them one by one.
 * Read as blobs, they are copied as they are stored, never decoded into strings that a response would encode back.
 */
export function recordsOf(db: Db, ids: number[]): Buffer[] {
  let statement = recordStatements.get(db);
  if (!statement) {
    statement = db
      .select({ record: sql<Buffer>`CAST(${records.record} AS BLOB)` })
      .from(sql`json_each(${sql.placeholder('ids')}) AS page`)
      .innerJoin(records, eq(records.id, sql`page.value`))
      .orderBy(sql`page.key`)
      .prepare();
    recordStatements.set(db, statement);
  }
  return statement.all({ ids: JSON.stringify(ids) }).map((row) => row.record);
}

// The index's reads return SQLite's values as they are (`values()`: rows as arrays, no mapping), which is what the
// index compares, and five times faster than mapped rows at 35,000 items.

/** The rowid and record id of each row of a collection's table, in rowid order: the rows of its in-memory index. */
export function readRows(db: Db, collection: Collection): [rowid: number, recordId: number][] {
  return db
    .select({ rowid: rowidOf(collection), recordId: recordIdOf(collection) })
    .from(collection.table)
    .orderBy(rowidOf(collection))
    .values() as [number, number][];
}

/** The rowids of a collection's table by id, then rowid: how every order ends. */
export function readIdOrder(db: Db, collection: Collection): number[] {
  return db
    .select({ rowid: rowidOf(collection) })
    .from(collection.table)
    .orderBy(asc(collection.id.column), asc(rowidOf(collection)))
    .values()
    .map(([rowid]) => rowid as number);
}

/** The rowid and stored value of each row, in SQLite's ascending order of the column. */
export function readColumn(db: Db, collection: Collection, column: SQLiteColumn): [rowid: number, value: unknown][] {
  return db
    .select({ rowid: rowidOf(collection), value: column })
    .from(collection.table)
    .orderBy(asc(column))
    .values() as [number, unknown][];
}

/** Every row of a collection's search table: rowid, name_key, name, body. */
export function readSearchRows(db: Db, collection: Collection): [rowid: number, nameKey: string, name: string, body: string][] {
  const search = searchTable(collection);
  return db
    .select({ rowid: sql`${search}.rowid`, nameKey: search.nameKey, name: search.name, body: search.body })
    .from(search)
    .values() as [number, string, string, string][];
}

/** SQLite's natural logarithm, the C library's that FTS5's bm25 calls. */
export function sqliteLn(db: Db): (value: number) => number {
  const statement = db
    .select({ value: sql<number>`ln(${sql.placeholder('value')})` })
    .from(sql`(SELECT 1)`)
    .prepare();
  return (value) => (statement.get({ value }) as { value: number }).value;
}

export interface RowPage {
  total: number;
  /** The records of the page's rows, in order. */
  recordIds: number[];
}

/** One page (`limit` rows from `offset`) of a collection's selection in SQL, with the count of every selected row. */
export function selectWithSql(db: Db, collection: Collection, selection: Selection, page: { limit: number; offset: number }): RowPage {
  if (selection.search?.length === 0) return { total: 0, recordIds: [] };
  const conditions = selection.conditions.map(({ operator, column, values }) => operator.condition(column, values));
  const table = collection.table;
  // The explicit order, or the default one unless a search ranks; the id always ends it, so paging is stable.
  const sorts = selection.sort.length > 0 || selection.search ? selection.sort : collection.defaultSort.map((key) => ({ key, descending: false }));
  const order = [
    ...sorts.map(({ key, descending }) => (descending ? desc : asc)(collection.sort[key] as SQLiteColumn)),
    asc(collection.id.column),
    asc(rowidOf(collection)),
  ];
  let base = db
    .select({ recordId: recordIdOf(collection) })
    .from(table)
    .$dynamic();
  let counter = db.select({ total: count() }).from(table).$dynamic();

  if (selection.search) {
    const search = searchTable(collection);
    const key = selection.search.join(' ');
    conditions.push(sql`${search} MATCH ${matchExpression(selection.search)}`);
    base = base.innerJoin(search, eq(search.rowid, rowidOf(collection)));
    counter = counter.innerJoin(search, eq(search.rowid, rowidOf(collection)));
    if (selection.sort.length === 0) {
      // Exact name, then name prefix, then every word starting a word of the name, then matches in other text.
      const words = selection.search.map((word) => sql`(' ' || ${search.nameKey}) LIKE ${`% ${word}%`}`);
      order.unshift(
        sql`CASE WHEN ${search.nameKey} = ${key} THEN 0 WHEN ${search.nameKey} LIKE ${`${key}%`} THEN 1 WHEN ${and(...words)} THEN 2 ELSE 3 END`,
        sql`bm25(${search})`,
      );
    }
  }

  const where = and(...conditions);
  // COUNT(*) without GROUP BY always returns one row.
  const { total } = counter.where(where).get() as { total: number };
  const rows = base
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { total, recordIds: rows.map((row) => row.recordId as number) };
}

/** One item by id, as its stored JSON text. */
export function getItem(db: Db, collection: Collection, id: string): string | undefined {
  return db
    .select({ record: records.record })
    .from(collection.table)
    .innerJoin(records, eq(records.id, recordIdOf(collection)))
    .where(eq(collection.id.column, id))
    .get()?.record;
}

/** Every item of a collection, in the order of data/, as stored JSON text. */
export function allItems(db: Db, collection: Collection): string[] {
  return db
    .select({ record: records.record })
    .from(collection.table)
    .innerJoin(records, eq(records.id, recordIdOf(collection)))
    .orderBy(rowidOf(collection))
    .all()
    .map((row) => row.record);
}

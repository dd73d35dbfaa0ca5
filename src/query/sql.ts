// Runs a query: the selection's conditions, search and order as parameterised SQL over the collection's narrow
// table, then the stored JSON of the page's records.
import { and, asc, count, desc, eq, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { matchExpression } from '../db/search.js';
import { records } from '../db/tables.js';
import type { Selection } from './query.js';

export type Db = BetterSQLite3Database;

/** The FTS5 table of a collection (created by the build from the declarations, so not in tables.ts). */
function searchTable(collection: Collection) {
  return sqliteTable(`${getTableName(collection.table)}_search`, { rowid: integer(), nameKey: text('name_key') });
}

function rowidOf(collection: Collection): SQL {
  return sql`${collection.table}.rowid`;
}

function recordIdOf(collection: Collection): SQLiteColumn {
  return getTableColumns(collection.table).recordId as SQLiteColumn;
}

/** The records of `ids`, in the order of `ids`: read after the page is chosen, so only the page's are read. */
function recordsOf(db: Db, ids: number[]): string[] {
  const byId = new Map(
    db
      .select()
      .from(records)
      .where(inArray(records.id, ids))
      .all()
      .map((row) => [row.id, row.record]),
  );
  return ids.map((id) => byId.get(id) as string);
}

export interface ListResult {
  total: number;
  items: string[];
}

/**
 * One page (`limit` items from `offset`) of a collection's selection, with the count of every matching item;
 * `checkTotal` may refuse the count (by throwing) before any record is read.
 */
export function listItems(
  db: Db,
  collection: Collection,
  selection: Selection,
  page: { limit: number; offset: number },
  checkTotal?: (total: number) => void,
): ListResult {
  if (selection.search?.length === 0) return { total: 0, items: [] };
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
  checkTotal?.(total);
  const rows = base
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return {
    total,
    items: recordsOf(
      db,
      rows.map((row) => row.recordId as number),
    ),
  };
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

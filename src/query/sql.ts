// Runs a collection query: the declared filters, the search and the sort of a parsed request, as parameterised SQL.
import { and, asc, count, desc, eq, getTableColumns, getTableName, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { AnyCollection as Collection } from '../resources/collection.js';
import type { FilterValue, ListQuery } from './parameters.js';
import { matchExpression } from '../db/search.js';
import { records } from '../db/tables.js';

export type Db = BetterSQLite3Database;

const searchTables = new Map<string, ReturnType<typeof searchTableOf>>();
function searchTableOf(name: string) {
  return sqliteTable(name, { rowid: integer('rowid'), nameKey: text('name_key') });
}
/** The FTS5 table of a collection (created by the hand-written migration, so not in tables.ts). */
function searchTable(collection: Collection) {
  const name = `${getTableName(collection.table)}_search`;
  let table = searchTables.get(name);
  if (!table) searchTables.set(name, (table = searchTableOf(name)));
  return table;
}

function condition({ filter, values }: FilterValue): SQL {
  const column = filter.column;
  switch (filter.op) {
    case 'in':
      return values.length === 1 ? eq(column, values[0]) : inArray(column, values);
    case 'gte':
      return gte(column, values[0]);
    case 'lte':
      return lte(column, values[0]);
    case 'nonzero':
      return values[0] ? sql`${column} > 0` : sql`${column} = 0`;
    case 'contains':
      return sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value IN ${values})`;
  }
}

function rowidOf(collection: Collection): SQL {
  return sql`${collection.table}.rowid`;
}

function recordIdOf(collection: Collection): SQLiteColumn {
  return getTableColumns(collection.table).recordId as SQLiteColumn;
}

/** The records of `ids`, in the order of `ids`: read after the page is chosen, so only the page's are read. */
function recordsOf(db: Db, ids: number[]): string[] {
  if (ids.length === 0) return [];
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

/** A related list's route fixes one of the collection's filters to its parent's id. */
export interface Scope {
  filter: string;
  value: string;
}

/** One page of a collection, with the total count of matching items; `scope` is an extra filter from the route. */
export function listItems(db: Db, collection: Collection, query: ListQuery, scope?: Scope): ListResult {
  const scoped: FilterValue[] = scope ? [{ name: scope.filter, filter: collection.filters[scope.filter]!, values: [scope.value] }] : [];
  const conditions = [...query.filters, ...scoped].map(condition);
  const table = collection.table;
  const order: SQL[] = [];
  let base = db
    .select({ recordId: recordIdOf(collection) })
    .from(table)
    .$dynamic();
  let counter = db.select({ total: count() }).from(table).$dynamic();

  if (query.search) {
    const search = searchTable(collection);
    const key = query.search.join(' ');
    conditions.push(sql`${search} MATCH ${matchExpression(query.search)}`);
    base = base.innerJoin(search, eq(search.rowid, rowidOf(collection)));
    counter = counter.innerJoin(search, eq(search.rowid, rowidOf(collection)));
    if (query.sort.length === 0) {
      // Exact name, then name prefix, then every word starting a word of the name, then matches in other text.
      const words = query.search.map((word) => sql`(' ' || ${search.nameKey}) LIKE ${`% ${word}%`}`);
      order.push(sql`CASE WHEN ${search.nameKey} = ${key} THEN 0 WHEN ${search.nameKey} LIKE ${`${key}%`} THEN 1 WHEN ${and(...words)} THEN 2 ELSE 3 END`);
      order.push(sql`bm25(${search})`);
    }
  }
  const sorts = query.sort.length > 0 || query.search ? query.sort : collection.defaultSort.map((key) => ({ key, descending: false }));
  for (const { key, descending } of sorts) {
    const column = collection.sort[key] as SQLiteColumn;
    order.push(descending ? desc(column) : asc(column));
  }
  order.push(asc(collection.id.column), asc(rowidOf(collection)));

  const where = and(...conditions);
  const total = counter.where(where).get()?.total ?? 0;
  const rows =
    query.offset >= total
      ? []
      : base
          .where(where)
          .orderBy(...order)
          .limit(query.limit)
          .offset(query.offset)
          .all();
  return {
    total,
    items: recordsOf(
      db,
      rows.map((row) => row.recordId as number),
    ),
  };
}

/** One item by id (and scope for nested collections), as its stored JSON text. */
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

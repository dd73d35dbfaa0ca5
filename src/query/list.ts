// A page of a collection's selection: its rows chosen by the collection's in-memory index, their records read from SQLite.
import type { AnyCollection as Collection } from '../resources/collection.js';
import { indexOf, selectPage } from './collection-index.js';
import type { Selection } from './query.js';
import { recordsOf, type Db } from './sql.js';

export interface ListResult {
  total: number;
  /** Each item's stored JSON, as UTF-8 bytes. */
  items: Buffer[];
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
  const { total, recordIds } = selectPage(indexOf(db, collection), selection, page);
  checkTotal?.(total);
  return { total, items: recordsOf(db, recordIds) };
}

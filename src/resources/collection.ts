// The declaration of a collection: the one place that says how it is built, filtered, sorted, searched and shown.
// src/routes, src/query and src/formats turn it into routes, request validation, SQL, OpenAPI parameters and every output format.
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CuratedData } from '../schemas/data-files.js';

/**
 * How a filter compares its column with the parameter's value(s):
 * `in`: equal to one of a comma-separated list; `gte`/`lte`: inclusive bound;
 * `contains`: the column (a JSON array) holds one of a comma-separated list; `nonzero`: `true` → column > 0, `false` → column = 0.
 */
export type FilterOp = 'in' | 'gte' | 'lte' | 'contains' | 'nonzero';

export interface Filter {
  column: SQLiteColumn;
  op: FilterOp;
  /** Schema of one value: validation, conversion and the OpenAPI parameter. */
  value: TSchema;
  description: string;
}

export interface Collection<S extends TObject = TObject> {
  /** Path segment under /v1, table name and prefix of its search table. */
  name: string;
  /** Names for documentation and operationIds: `{ one: 'commune', many: 'communes' }`. */
  noun: { one: string; many: string };
  tag: string;
  /** Representation schema (with `$id`): build-time validation, OpenAPI, types. */
  schema: S;
  table: SQLiteTable;
  id: { name: keyof Static<S> & string; column: SQLiteColumn; schema: TSchema };
  /** Whether the collection has routes of its own under /v1 (members are only reached through their intercommunality). */
  topLevel: boolean;
  filters: Record<string, Filter>;
  /** Sort keys and their columns; the id column always ends the order, so paging is stable. */
  sort: Record<string, SQLiteColumn>;
  defaultSort: string[];
  /** The text `q` searches: the name (ranked first) and other text fields. */
  search: (item: Static<S>) => { name: string; text: string[] };
  /** The field holding the item's GeoJSON geometry, for collections that have one (format=geojson). */
  geometry?: keyof Static<S> & string;
  /**
   * Foreign keys of the flat files: a flat field (src/formats/fields.ts) whose every value is the id of an item of
   * another collection. They become the Table Schemas' `foreignKeys` and the publication database's REFERENCES.
   */
  references?: Record<string, { collection: string; field: string }>;
  /** Related collections under the item's path, each scoped by one of its filters set to this item's id. */
  related?: Record<string, { collection: () => AnyCollection; filter: string; description: string }>;
  /** Build time: the items, from the curated data. */
  represent: (data: CuratedData) => Static<S>[];
  /** Build time: the table's columns for an item (all but `record`). */
  row: (item: Static<S>) => Record<string, unknown>;
}

// Collections of different item types side by side (lists of collections, related collections).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCollection = Collection<any>;

/** Declares a collection with its item type checked against its schema. */
export function defineCollection<S extends TObject>(collection: Collection<S>): Collection<S> {
  return collection;
}

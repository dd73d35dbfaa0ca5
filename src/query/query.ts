// The query as a domain object: what a validated request selects (filters, search, order), which page, and how the
// answer is presented (format, fields, CSV options). SQL reads the selection; the formats read the presentation.
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AnyCollection as Collection } from '../resources/collection.js';
import type { Format } from '../formats/render.js';
import { foldWords } from '../db/search.js';
import { operators, type Operator } from './operators.js';
import { csvSeparators } from './parameters.js';

export interface Condition {
  name: string;
  operator: Operator;
  column: SQLiteColumn;
  values: unknown[];
}

export interface Selection {
  conditions: Condition[];
  /** Folded words of `q`, at most 10; none (a search in a script the folding drops) matches nothing. */
  search?: string[];
  /** Explicit order; empty means the collection's default order (or relevance with a search). */
  sort: { key: string; descending: boolean }[];
}

export interface PageRequest {
  /** Absent when the request gave none: the default page, or the whole result for file formats. */
  limit?: number;
  offset: number;
}

export interface Presentation {
  /** The format asked by `format=`; absent means negotiated from Accept. */
  format?: Format;
  fields?: string[];
  /** GeoJSON: the field drawn as each Feature's geometry; the collection's when absent. */
  geometry?: string;
  csv: { separator: string; bom: boolean };
}

export interface ListQuery {
  selection: Selection;
  page: PageRequest;
  presentation: Presentation;
}

type Validated = Record<string, unknown>;

/** A related list's route fixes one filter of its collection to its parent's id. */
export interface Scope {
  filter: string;
  value: string;
}

function presentation(collection: Collection, validated: Validated): Presentation {
  const fields = validated.fields === undefined ? undefined : [...new Set([collection.id.name, ...(validated.fields as string).split(',')])];
  return {
    ...(validated.format === undefined ? {} : { format: validated.format as Format }),
    ...(fields ? { fields } : {}),
    ...(validated.geometry === undefined ? {} : { geometry: validated.geometry as string }),
    csv: { separator: csvSeparators.get(validated.sep as string) ?? ',', bom: validated.bom === true },
  };
}

/** The query of a list route, from parameters Fastify has validated against listParameters(collection, scope?.filter). */
export function listQuery(collection: Collection, validated: Validated, scope?: Scope): ListQuery {
  const conditions: Condition[] = [];
  for (const [name, filter] of Object.entries(collection.filters)) {
    const value = scope?.filter === name ? scope.value : validated[name];
    if (value === undefined) continue;
    const operator = operators[filter.op];
    conditions.push({ name, operator, column: filter.column, values: operator.values(value, filter.value) });
  }
  const sort: Selection['sort'] = [];
  const seen = new Set<string>();
  for (const part of validated.sort === undefined ? [] : (validated.sort as string).split(',')) {
    const descending = part.startsWith('-');
    const key = descending ? part.slice(1) : part;
    if (!seen.has(key)) sort.push({ key, descending });
    seen.add(key);
  }
  const search = validated.q === undefined ? undefined : foldWords(validated.q as string).slice(0, 10);
  return {
    selection: { conditions, ...(search ? { search } : {}), sort },
    page: { ...(validated.limit === undefined ? {} : { limit: validated.limit as number }), offset: (validated.offset as number | undefined) ?? 0 },
    presentation: presentation(collection, validated),
  };
}

/** The presentation of an item route, from parameters validated against itemParameters(collection). */
export function itemQuery(collection: Collection, validated: Validated): Presentation {
  return presentation(collection, validated);
}

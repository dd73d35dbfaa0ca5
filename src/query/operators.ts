// Filter operators: each one owns its query-string schema (validated by Fastify, published in OpenAPI), how the
// validated parameter becomes values, its condition (in SQL, and the same test in JavaScript for the in-memory
// index of src/query/collection-index.ts), and the sentence that documents it.
import { Kind, Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { FilterOp } from '../resources/collection.js';

export interface Operator {
  /** Whether the parameter takes a comma-separated list of values. */
  list: boolean;
  /** What the operator does, appended to the filter's own description. */
  documentation: string;
  /** The parameter's schema, from the schema of one value. */
  parameter(value: TSchema): TSchema;
  /** The values of a validated parameter. */
  values(validated: unknown, value: TSchema): unknown[];
  condition(column: SQLiteColumn, values: unknown[]): SQL;
  /** The condition as a test of one stored value (as SQLite returns it, a JSON column's array parsed): what `condition` selects. */
  test(column: SQLiteColumn, values: unknown[]): (stored: unknown) => boolean;
}

/** A code unit's place in code point order: SQLite compares text as UTF-8 bytes, JavaScript as UTF-16 code units. */
const codePointRank = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

/** SQLite's order of two stored values (BINARY collation): numbers before text, numbers by value, text by code point. */
export function compareStored(a: unknown, b: unknown): number {
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a !== 'number') return 1;
    if (typeof b !== 'number') return -1;
    return a - b;
  }
  const [x, y] = [String(a), String(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = codePointRank(x.charCodeAt(i)) - codePointRank(y.charCodeAt(i));
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

/** A parameter value as drizzle binds it against `column` (a boolean column's value becomes 0 or 1). */
const bound = (column: SQLiteColumn, value: unknown) => column.mapToDriverValue(value);

/** The literals of a union of literals (an enumeration), or undefined. */
export function literals(schema: TSchema): string[] | undefined {
  if (schema[Kind] === 'Union' && (schema.anyOf as TSchema[]).every((member) => member.const !== undefined)) {
    return (schema.anyOf as TSchema[]).map((member) => String(member.const));
  }
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String);
  return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression (without anchors) matching one value of `schema` as written in a query string. */
export function valuePattern(schema: TSchema): string {
  const enumerated = literals(schema);
  if (enumerated) return `(?:${enumerated.map(escape).join('|')})`;
  if (schema[Kind] === 'Integer') return '(?:-?[0-9]+)';
  if (schema.format === 'date') return '(?:[0-9]{4}-[0-9]{2}-[0-9]{2})';
  if (typeof schema.pattern === 'string') return `(?:${schema.pattern.replace(/^\^/, '').replace(/\$$/, '')})`;
  throw new Error(`no query-string form for a value of schema ${JSON.stringify(schema)}`);
}

/** One value in its own schema, as a query parameter: enumerations become plain string enums, examples are kept. */
function single(value: TSchema): TSchema {
  const { $id: _id, description: _description, ...rest } = value;
  const enumerated = literals(value);
  if (enumerated) return Type.Unsafe<string>({ type: 'string', enum: enumerated, ...(rest.examples ? { examples: rest.examples } : {}) });
  return rest;
}

/** A comma-separated list of values, each of `value`'s form. */
function list(value: TSchema): TSchema {
  const item = valuePattern(value);
  const enumerated = literals(value);
  return Type.String({
    pattern: `^${item}(?:,${item})*$`,
    maxLength: 2000,
    ...(value.examples ? { examples: value.examples } : enumerated ? { examples: [enumerated[0]] } : {}),
  });
}

const split = (validated: unknown, value: TSchema) => [...new Set(String(validated).split(','))].map((part) => Value.Convert(value, part));

export const operators = {
  /** Equal to one of a comma-separated list. */
  in: {
    list: true,
    documentation: 'A comma-separated list means any of them.',
    parameter: list,
    values: split,
    condition: (column, values) => inArray(column, values),
    test: (column, values) => {
      const accepted = new Set(values.map((value) => bound(column, value)));
      return (stored) => accepted.has(stored);
    },
  },
  /** The column (a JSON array) holds one of a comma-separated list. */
  contains: {
    list: true,
    documentation: 'A comma-separated list means any of them.',
    parameter: list,
    values: split,
    condition: (column, values) => sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value IN ${values})`,
    test: (_column, values) => {
      const accepted = new Set(values);
      return (stored) => (stored as unknown[]).some((element) => accepted.has(element));
    },
  },
  /** Inclusive lower bound. */
  gte: {
    list: false,
    documentation: 'Inclusive.',
    parameter: single,
    values: (validated) => [validated],
    condition: (column, values) => gte(column, values[0]),
    test: (column, values) => {
      const limit = bound(column, values[0]);
      return (stored) => stored !== null && compareStored(stored, limit) >= 0;
    },
  },
  /** Inclusive upper bound. */
  lte: {
    list: false,
    documentation: 'Inclusive.',
    parameter: single,
    values: (validated) => [validated],
    condition: (column, values) => lte(column, values[0]),
    test: (column, values) => {
      const limit = bound(column, values[0]);
      return (stored) => stored !== null && compareStored(stored, limit) <= 0;
    },
  },
  /** `true`: the column (a count) is above zero; `false`: it is zero. */
  nonzero: {
    list: false,
    documentation: '',
    parameter: single,
    values: (validated) => [validated === true],
    condition: (column, values) => (values[0] ? sql`${column} > 0` : sql`${column} = 0`),
    test: (_column, values) => (values[0] ? (stored) => (stored as number) > 0 : (stored) => stored === 0),
  },
} satisfies Record<FilterOp, Operator>;

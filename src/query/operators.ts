// Filter operators: each one owns its query-string schema (validated by Fastify, published in OpenAPI), how the
// validated parameter becomes values, the SQL it adds, and the sentence that documents it.
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
}

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
  },
  /** The column (a JSON array) holds one of a comma-separated list. */
  contains: {
    list: true,
    documentation: 'A comma-separated list means any of them.',
    parameter: list,
    values: split,
    condition: (column, values) => sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value IN ${values})`,
  },
  /** Inclusive lower bound. */
  gte: {
    list: false,
    documentation: 'Inclusive.',
    parameter: single,
    values: (validated) => [validated],
    condition: (column, values) => gte(column, values[0]),
  },
  /** Inclusive upper bound. */
  lte: {
    list: false,
    documentation: 'Inclusive.',
    parameter: single,
    values: (validated) => [validated],
    condition: (column, values) => lte(column, values[0]),
  },
  /** `true`: the column (a count) is above zero; `false`: it is zero. */
  nonzero: {
    list: false,
    documentation: '',
    parameter: single,
    values: (validated) => [validated === true],
    condition: (column, values) => (values[0] ? sql`${column} > 0` : sql`${column} = 0`),
  },
} satisfies Record<FilterOp, Operator>;

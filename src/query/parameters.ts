// The query grammar shared by every collection: reads and validates a request's query string against the
// collection's declaration, and describes the same parameters for the OpenAPI document.
import { Kind, Type, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AnyCollection as Collection, Filter } from '../resources/collection.js';
import type { ProblemErrorType } from '../schemas/problem.js';
import { foldWords } from '../db/search.js';
import { fieldPaths } from '../formats/fields.js';
import { formatsOf, type Format } from '../formats/render.js';
import { badRequest, unknownParameter } from '../plugins/app/problems.js';

export const maxLimit = 500;
export const defaultLimit = 50;
const maxQueryLength = 200;

export interface FilterValue {
  name: string;
  filter: Filter;
  values: unknown[];
}

export interface ListQuery {
  filters: FilterValue[];
  /** Folded words of `q`. */
  search?: string[];
  sort: { key: string; descending: boolean }[];
  fields?: string[];
  limit: number;
  offset: number;
  format?: Format;
  csv: { separator: string; bom: boolean };
}

const separators = new Map([
  [',', ','],
  [';', ';'],
  ['tab', '\t'],
  ['|', '|'],
]);

/** The parameters of every list, whatever the collection. */
const listParameters = {
  q: Type.String({
    minLength: 1,
    maxLength: maxQueryLength,
    description:
      'Search in names and text, insensitive to case, accents, hyphens and apostrophes; "st" matches "saint". Every word must match the start of a word. Best matches first: exact name, then name prefix, then other matches.',
    examples: ['st lary'],
  }),
  sort: Type.String({
    description: 'Comma-separated sort keys; `-` before a key sorts descending. The id always ends the order.',
    examples: ['-population,name'],
  }),
  fields: Type.String({
    description: 'Comma-separated fields to return (dotted names for nested fields); the id is always kept.',
    examples: ['code,name,population.municipal'],
  }),
  limit: Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit, description: `Items per page, from 1 to ${maxLimit}.`, examples: [10] }),
  offset: Type.Integer({ minimum: 0, default: 0, description: 'Items to skip before the page starts.', examples: [0] }),
  sep: Type.Union([Type.Literal(','), Type.Literal(';'), Type.Literal('tab'), Type.Literal('|')], {
    default: ',',
    description: 'CSV only: field separator (`;` for spreadsheets set to French).',
  }),
  bom: Type.Boolean({ default: false, description: 'CSV only: start with a UTF-8 byte order mark, so that spreadsheets read accents right.' }),
};

const itemParameters = { fields: listParameters.fields };

function formatParameter(formats: Format[]) {
  return Type.Union(
    formats.map((format) => Type.Literal(format)),
    {
      description: 'Response format; overrides the Accept header.',
    },
  );
}

/** What a value must look like, in words, for error messages. */
function expectation(schema: TSchema): { detail: string; allowed?: string[] } {
  if (schema[Kind] === 'Union') {
    const allowed = (schema.anyOf as TSchema[]).map((member) => String(member.const));
    return { detail: 'must be one of the allowed values', allowed };
  }
  if (schema[Kind] === 'Boolean') return { detail: 'must be true or false', allowed: ['true', 'false'] };
  if (schema[Kind] === 'Integer') {
    const bounds = [schema.minimum !== undefined ? `from ${schema.minimum}` : '', schema.maximum !== undefined ? `to ${schema.maximum}` : '']
      .filter(Boolean)
      .join(' ');
    return { detail: `must be an integer${bounds ? ` ${bounds}` : ''}` };
  }
  if (schema.format === 'date') return { detail: 'must be a date as YYYY-MM-DD' };
  const example = (schema.examples as unknown[] | undefined)?.[0];
  return { detail: `must match ${schema.pattern ?? 'the expected form'}${example !== undefined ? ` (for example ${JSON.stringify(example)})` : ''}` };
}

/** Converts and checks one raw value against `schema`; undefined when it does not fit. */
function convert(schema: TSchema, raw: string): { value: unknown } | undefined {
  if (raw === '' || raw.length > maxQueryLength) return undefined;
  if (schema[Kind] === 'Integer' && !/^-?[0-9]+$/.test(raw)) return undefined;
  if (schema[Kind] === 'Boolean' && raw !== 'true' && raw !== 'false') return undefined;
  const value = Value.Convert(schema, raw);
  return Value.Check(schema, value) ? { value } : undefined;
}

type RawQuery = Record<string, string | string[] | undefined>;

/** Reads the list parameters of `collection`; throws a 400 problem naming every bad parameter. */
export function parseListQuery(collection: Collection, raw: RawQuery, scope?: string): ListQuery {
  const errors: ProblemErrorType[] = [];
  const filters = Object.entries(collection.filters).filter(([name]) => name !== scope);
  const formats = formatsOf(collection);
  const allowedNames = [...filters.map(([name]) => name), ...Object.keys(listParameters), 'format'];
  const single = (name: string): string | undefined => {
    const value = raw[name];
    if (Array.isArray(value)) {
      errors.push({ in: 'query', name, detail: 'is given more than once; give it once, with a comma-separated list where lists are allowed' });
      return undefined;
    }
    return value;
  };
  for (const name of Object.keys(raw)) {
    if (!allowedNames.includes(name)) errors.push({ ...unknownParameter(name), allowed: allowedNames });
  }

  const query: ListQuery = { filters: [], sort: [], limit: defaultLimit, offset: 0, csv: { separator: ',', bom: false } };
  for (const [name, filter] of filters) {
    const text = single(name);
    if (text === undefined) continue;
    const list = filter.op === 'in' || filter.op === 'contains';
    const parts = list ? text.split(',') : [text];
    const values: unknown[] = [];
    for (const part of parts) {
      const converted = convert(filter.value, part.trim());
      if (!converted) {
        const { detail, allowed } = expectation(filter.value);
        errors.push({ in: 'query', name, detail: `${list && parts.length > 1 ? `has "${part}", which ` : ''}${detail}`, ...(allowed ? { allowed } : {}) });
        break;
      }
      values.push(converted.value);
    }
    if (values.length === parts.length) query.filters.push({ name, filter, values: [...new Set(values)] });
  }

  const q = single('q');
  if (q !== undefined) {
    const words = foldWords(q);
    if (q.length > maxQueryLength) errors.push({ in: 'query', name: 'q', detail: `is longer than ${maxQueryLength} characters` });
    else if (words.length === 0) errors.push({ in: 'query', name: 'q', detail: 'must contain at least one letter or digit' });
    else query.search = words.slice(0, 10);
  }

  const sort = single('sort');
  if (sort !== undefined) {
    const keys = Object.keys(collection.sort);
    const allowed = keys.flatMap((key) => [key, `-${key}`]);
    const seen = new Set<string>();
    for (const part of sort.split(',')) {
      const key = part.trim().replace(/^-/, '');
      if (!keys.includes(key)) {
        errors.push({ in: 'query', name: 'sort', detail: `has "${part}", which is not a sort key of this resource`, allowed });
        break;
      }
      if (!seen.has(key)) query.sort.push({ key, descending: part.trim().startsWith('-') });
      seen.add(key);
    }
  }

  const fields = single('fields');
  if (fields !== undefined) query.fields = parseFields(collection, fields, errors);

  for (const name of ['limit', 'offset'] as const) {
    const text = single(name);
    if (text === undefined) continue;
    const converted = convert(listParameters[name], text);
    if (converted) query[name] = converted.value as number;
    else errors.push({ in: 'query', name, detail: expectation(listParameters[name]).detail });
  }

  const format = single('format');
  if (format !== undefined) {
    if ((formats as string[]).includes(format)) query.format = format as Format;
    else errors.push({ in: 'query', name: 'format', detail: `"${format}" is not a format of this resource`, allowed: formats });
  }
  const sep = single('sep');
  if (sep !== undefined) {
    const separator = separators.get(sep);
    if (separator) query.csv.separator = separator;
    else errors.push({ in: 'query', name: 'sep', detail: 'is not a CSV separator', allowed: [...separators.keys()] });
  }
  const bom = single('bom');
  if (bom !== undefined) {
    if (bom === 'true' || bom === 'false') query.csv.bom = bom === 'true';
    else errors.push({ in: 'query', name: 'bom', detail: 'must be true or false', allowed: ['true', 'false'] });
  }

  if (errors.length > 0) throw badRequest(errors);
  return query;
}

function parseFields(collection: Collection, text: string, errors: ProblemErrorType[]): string[] | undefined {
  const allowed = fieldPaths(collection.schema);
  const fields = new Set([collection.id.name]);
  for (const part of text.split(',')) {
    const field = part.trim();
    if (!allowed.includes(field)) {
      errors.push({ in: 'query', name: 'fields', detail: `has "${part}", which is not a field of this resource`, allowed });
      return undefined;
    }
    fields.add(field);
  }
  return [...fields];
}

const itemParameterNames = ['fields', 'format', 'sep', 'bom'];

/** Reads the parameters of an item route (`fields`, `format`, CSV options); throws a 400 problem naming every bad one. */
export function parseItemQuery(collection: Collection, raw: RawQuery): Pick<ListQuery, 'fields' | 'format' | 'csv'> {
  const unexpected = Object.keys(raw).filter((name) => !itemParameterNames.includes(name));
  if (unexpected.length > 0) {
    throw badRequest(unexpected.map((name) => ({ ...unknownParameter(name), allowed: itemParameterNames })));
  }
  const { fields, format, csv } = parseListQuery({ ...collection, filters: {}, sort: {} }, raw);
  return { fields, format, csv };
}

/** The query-string schema of a collection's list route, for the OpenAPI document. */
export function listQuerySchema(collection: Collection, scope?: string): TObject {
  const filters = Object.entries(collection.filters)
    .filter(([name]) => name !== scope)
    .map(([name, filter]) => [name, Type.Optional(documented(parameterSchema(filter)))] as const);
  return Type.Object({
    ...Object.fromEntries(filters),
    ...Object.fromEntries(Object.entries(listParameters).map(([name, schema]) => [name, Type.Optional(documented(schema))])),
    format: Type.Optional(documented(formatParameter(formatsOf(collection)))),
  });
}

/** The query-string schema of an item route, for the OpenAPI document. */
export function itemQuerySchema(collection: Collection): TObject {
  return Type.Object({
    ...Object.fromEntries(Object.entries(itemParameters).map(([name, schema]) => [name, Type.Optional(documented(schema))])),
    format: Type.Optional(documented(formatParameter(formatsOf(collection)))),
    sep: Type.Optional(documented(listParameters.sep)),
    bom: Type.Optional(listParameters.bom),
  });
}

/**
 * A query parameter as documented: its example goes into the description, not into `example`, because
 * Swagger UI fills "Try it out" with examples and a user's first try would then filter everything away.
 */
function documented(schema: TSchema): TSchema {
  if (schema[Kind] === 'Union') {
    // A union of literals reads better in Swagger UI as a plain enum.
    const { anyOf, examples: _examples, ...rest } = schema;
    return { ...rest, type: 'string', enum: (anyOf as TSchema[]).map((member) => member.const) };
  }
  const { examples, ...rest } = schema;
  const example = (examples as unknown[] | undefined)?.[0];
  if (example === undefined) return schema;
  return { ...rest, description: `${rest.description ?? ''} Example: \`${String(example)}\`.`.trim() };
}

/** A filter's parameter as documented: its value schema, or for lists a string of comma-separated values. */
function parameterSchema(filter: Filter): TSchema {
  const { $id, examples, ...value } = filter.value;
  if (filter.op !== 'in' && filter.op !== 'contains') return { ...value, examples, description: filter.description };
  const enumerated = filter.value[Kind] === 'Union' ? (filter.value.anyOf as TSchema[]).map((member) => String(member.const)) : undefined;
  const item = enumerated
    ? `(?:${enumerated.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`
    : `(?:${String(filter.value.pattern).replace(/^\^/, '').replace(/\$$/, '')})`;
  return Type.String({
    pattern: `^${item}(?:,${item})*$`,
    description: enumerated ? `${filter.description} Values: ${enumerated.map((literal) => `\`${literal}\``).join(', ')}.` : filter.description,
    examples: examples ?? enumerated?.slice(0, 1),
  });
}

// The query parameters of every route, generated from its collection's declaration: the schema Fastify validates
// and OpenAPI publishes (one object for both), with each parameter's explanation for the errors a user reads.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { AnyCollection as Collection, Filter } from '../resources/collection.js';
import { fieldPaths, geometryFields } from '../formats/fields.js';
import { formatsOf } from '../formats/render.js';
import { fold } from '../db/search.js';
import { literals, operators, valuePattern } from './operators.js';

export const maxLimit = 500;
export const defaultLimit = 50;
export const maxOffset = 1_000_000;
export const maxSearchLength = 200;

export const csvSeparators = new Map([
  [',', ','],
  [';', ';'],
  ['tab', '\t'],
  ['|', '|'],
]);

export interface Explanation {
  detail: string;
  allowed?: string[];
}

/** A query or path parameter: its schema as validated and published, and what to tell a user whose value fails it. */
export interface Parameter {
  schema: TSchema;
  explain(raw: unknown): Explanation;
}

export type Parameters = Record<string, Parameter>;

const repeated: Explanation = { detail: 'is given more than once; give it once, with a comma-separated list where lists are allowed' };

/** What one value of `schema` must look like, in words. */
function expectation(schema: TSchema): Explanation {
  const enumerated = literals(schema);
  if (enumerated) return { detail: 'must be one of the allowed values', allowed: enumerated };
  if (schema.type === 'boolean') return { detail: 'must be true or false', allowed: ['true', 'false'] };
  if (schema.type === 'integer') {
    const bounds = [schema.minimum !== undefined ? `from ${schema.minimum}` : '', schema.maximum !== undefined ? `to ${schema.maximum}` : '']
      .filter(Boolean)
      .join(' ');
    return { detail: `must be an integer${bounds ? ` ${bounds}` : ''}` };
  }
  if (schema.format === 'date') return { detail: 'must be a date as YYYY-MM-DD' };
  const example = (schema.examples as unknown[] | undefined)?.[0];
  return { detail: `must match ${schema.pattern ?? 'the expected form'}${example !== undefined ? ` (for example ${JSON.stringify(example)})` : ''}` };
}

/** A parameter whose value must fit `schema`, explained by `explain` (or by the schema alone). */
function parameter(schema: TSchema, explain: (raw: string) => Explanation = () => expectation(schema)): Parameter {
  return { schema, explain: (raw) => (Array.isArray(raw) ? repeated : explain(String(raw))) };
}

/** A comma-separated list whose parts must each be one of `allowed`; `what` names a part in errors. */
function choiceList(allowed: string[], what: string, description: string, example: string): Parameter {
  const item = `(?:${allowed.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  const schema = Type.String({ pattern: `^${item}(?:,${item})*$`, maxLength: 2000, description: documented(description, example) });
  return parameter(schema, (raw) => {
    const part = raw.split(',').find((candidate) => !allowed.includes(candidate));
    return part === undefined ? { detail: 'is too long' } : { detail: `has "${part}", which is not ${what}`, allowed };
  });
}

/** The example of a parameter: a value as written in a query string. */
type Example = string | number | boolean;

/** A description with its example in words: Swagger UI would fill "Try it out" with an `example` and filter everything away. */
const documented = (description: string, example: Example | undefined) => (example === undefined ? description : `${description} Example: \`${example}\`.`);

function filterParameter(filter: Filter): Parameter {
  const operator = operators[filter.op];
  const { examples, ...schema } = operator.parameter(filter.value);
  const description = documented(`${filter.description} ${operator.documentation}`.trim(), (examples as Example[] | undefined)?.[0]);
  const itemPattern = operator.list ? new RegExp(`^${valuePattern(filter.value)}$`) : undefined;
  return parameter({ ...schema, description }, (raw) => {
    const expected = expectation(filter.value);
    if (!itemPattern) return expected;
    const part = raw.split(',').find((candidate) => !itemPattern.test(candidate));
    if (part === undefined) return { detail: 'is too long' };
    return { ...expected, detail: raw.includes(',') ? `has "${part}", which ${expected.detail}` : expected.detail };
  });
}

/** The first word of the schema's example name, folded: a search that finds something. */
function searchExample(collection: Collection): string | undefined {
  const properties = collection.schema.properties as Record<string, TSchema>;
  const name = ((properties.name ?? properties.title)?.examples as unknown[] | undefined)?.[0];
  return typeof name === 'string' ? fold(name).split(' ')[0] : undefined;
}

/** Sort keys with and without `-`; the example sorts by the second key descending, then the first. */
function sortParameter(collection: Collection): Parameter {
  const keys = Object.keys(collection.sort);
  const allowed = keys.flatMap((key) => [key, `-${key}`]);
  const example = keys.length > 1 ? `-${keys[1]},${keys[0]}` : String(keys[0]);
  return choiceList(
    allowed,
    'a sort key of this resource',
    'Comma-separated sort keys; `-` before a key sorts descending. The id always ends the order.',
    example,
  );
}

function fieldsParameter(collection: Collection): Parameter {
  const paths = fieldPaths(collection.schema);
  const id = collection.id.name;
  const example = [id, paths.find((path) => path !== id && !path.includes('.')), paths.find((path) => path.includes('.'))].filter(Boolean).join(',');
  return choiceList(paths, 'a field of this resource', 'Comma-separated fields to return (dotted names for nested fields); the id is always kept.', example);
}

function formatParameter(collection: Collection): Parameter {
  const formats = formatsOf(collection);
  return parameter(Type.Unsafe<string>({ type: 'string', enum: formats, description: 'Response format; overrides the Accept header.' }), (raw) => ({
    detail: `"${raw}" is not a format of this resource`,
    allowed: formats,
  }));
}

/** `geometry`, for collections with a geometry: which of the item's geometry fields a GeoJSON Feature draws. */
function geometryParameter(collection: Collection): Parameters {
  if (!collection.geometry) return {};
  const choices = Object.keys(geometryFields(collection.schema));
  return {
    geometry: parameter(
      Type.Unsafe<string>({
        type: 'string',
        enum: choices,
        description: `GeoJSON only: the field each Feature draws as its geometry, \`${collection.geometry}\` when absent.`,
      }),
      (raw) => ({ detail: `"${raw}" is not a geometry of this resource`, allowed: choices }),
    ),
  };
}

const csvParameters: Parameters = {
  sep: parameter(
    Type.Unsafe<string>({
      type: 'string',
      enum: [...csvSeparators.keys()],
      description: 'CSV only: field separator, `,` when absent (`;` for spreadsheets set to French).',
    }),
    () => ({ detail: 'is not a CSV separator', allowed: [...csvSeparators.keys()] }),
  ),
  bom: parameter(Type.Boolean({ description: 'CSV only: `true` starts the file with a UTF-8 byte order mark, so that spreadsheets read accents right.' })),
};

/** The parameters of a collection's list route; `scope` is the filter its path fixes (related lists). */
export function listParameters(collection: Collection, scope?: string): Parameters {
  const filters = Object.entries(collection.filters).filter(([name]) => name !== scope);
  const q = Type.String({
    minLength: 1,
    maxLength: maxSearchLength,
    pattern: '[\\p{L}\\p{N}]',
    description: documented(
      'Search in names and text, insensitive to case, accents, hyphens and apostrophes; "st" matches "saint". Every word must match the start of a word. Best matches first: exact name, then name prefix, then other matches.',
      searchExample(collection),
    ),
  });
  return {
    ...Object.fromEntries(filters.map(([name, filter]) => [name, filterParameter(filter)])),
    q: parameter(q, (raw) =>
      raw.length > maxSearchLength ? { detail: `is longer than ${maxSearchLength} characters` } : { detail: 'must contain at least one letter or digit' },
    ),
    sort: sortParameter(collection),
    fields: fieldsParameter(collection),
    limit: parameter(
      Type.Integer({
        minimum: 1,
        maximum: maxLimit,
        description: documented(
          `Items per page, from 1 to ${maxLimit}; ${defaultLimit} when absent. For the file formats (csv, ndjson, geojson) an absent limit means the whole result.`,
          10,
        ),
      }),
    ),
    offset: parameter(Type.Integer({ minimum: 0, maximum: maxOffset, description: documented('Items to skip before the page starts; 0 when absent.', 10) })),
    format: formatParameter(collection),
    ...geometryParameter(collection),
    ...csvParameters,
  };
}

/** The parameters of an item route. */
export function itemParameters(collection: Collection): Parameters {
  return { fields: fieldsParameter(collection), format: formatParameter(collection), ...geometryParameter(collection), ...csvParameters };
}

/** The path parameter of an item route: its id. */
export function idParameter(collection: Collection): Parameters {
  const example = (collection.id.schema.examples as Example[] | undefined)?.[0];
  const { examples: _examples, ...schema } = collection.id.schema;
  const explanation = { detail: `must match ${schema.pattern}${example === undefined ? '' : ` (for example ${JSON.stringify(example)})`}` };
  return {
    [collection.id.name]: parameter(
      { ...schema, maxLength: schema.maxLength ?? 100, description: documented(String(schema.description ?? ''), example) },
      () => explanation,
    ),
  };
}

/** The object schema of a set of parameters, every one optional (or, for path parameters, required) and nothing else allowed. */
export function objectSchema(parameters: Parameters, required: boolean): TObject {
  const properties = Object.fromEntries(Object.entries(parameters).map(([name, { schema }]) => [name, required ? schema : Type.Optional(schema)]));
  return Type.Object(properties, { additionalProperties: false });
}

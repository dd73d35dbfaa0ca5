// The Frictionless Tabular Data Package of the CSV downloads: a Table Schema per collection derived from the same
// flattening as the CSV itself (src/formats/fields.ts), with types, patterns, primary and foreign keys, licence, sources.
import { Kind, Type, type TSchema } from '@sinclair/typebox';
import type { AnyCollection as Collection } from '../resources/collection.js';
import type { DatasetType } from '../resources/documents.js';
import { flatFields, type FlatField } from './fields.js';

/** A JSON Schema pattern (anchored, `(?:…)`) as a Table Schema one (XML Schema style: implicitly anchored, plain groups). */
export function tablePattern(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/\$$/, '').replaceAll('(?:', '(');
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The allowed values of a scalar schema, when it is a literal or a union of literals. */
function enumOf(schema: TSchema): string[] | undefined {
  if (schema[Kind] === 'Literal') return [String(schema.const)];
  if (schema[Kind] === 'Union' && (schema.anyOf as TSchema[]).every((member) => member[Kind] === 'Literal')) {
    return (schema.anyOf as TSchema[]).map((member) => String(member.const));
  }
  return undefined;
}

/** A pattern one item of a list must match, when the item schema says enough. */
function itemPattern(field: FlatField): string | undefined {
  const values = enumOf(field.scalar);
  if (values) return `(${values.map(escapeRegex).join('|')})`;
  if (typeof field.scalar.pattern === 'string') return `(${tablePattern(field.scalar.pattern)})`;
  switch (field.type) {
    case 'integer':
      return '(-?[0-9]+)';
    case 'number':
      return '(-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)';
    case 'date':
      return '([0-9]{4}-[0-9]{2}-[0-9]{2})';
    case 'boolean':
      return '(true|false)';
  }
  return undefined;
}

/** The pattern of a whole list cell: items joined with `|` (nested lists: `,`), absent items empty where allowed. */
function listPattern(field: FlatField): string | undefined {
  const item = itemPattern(field);
  if (!item) return undefined;
  if (field.depth === 1) {
    const one = field.itemsRequired ? item : `(${item})?`;
    return `${one}(\\|${one})*`;
  }
  const inner = `(${item}(,${item})*)?`;
  return `${inner}(\\|${inner})*`;
}

const listDescription = (field: FlatField) =>
  field.depth === 1
    ? 'A list: items joined with `|`; `\\` and `|` inside an item escaped with `\\`.'
    : 'A list of lists: items joined with `|`, nested items with `,`; `\\`, `|` and `,` inside an item escaped with `\\`.';

export interface TableSchemaField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: 'default';
  description: string;
  /** An example value, as schema.data.gouv.fr schemas give one. */
  example?: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints: { required?: boolean; unique?: boolean; pattern?: string; enum?: string[]; minimum?: number; maximum?: number };
}

/** The first example of the scalar's schema, as text. */
function exampleOf(field: FlatField): { example?: string } {
  const example = (field.scalar.examples as unknown[] | undefined)?.[0];
  return typeof example === 'string' || typeof example === 'number' || typeof example === 'boolean' ? { example: String(example) } : {};
}

function tableField(field: FlatField, key: boolean): TableSchemaField {
  const constraints: TableSchemaField['constraints'] = {};
  if (field.required) constraints.required = true;
  if (key) constraints.unique = true;
  if (field.depth > 0) {
    const pattern = listPattern(field);
    if (pattern) constraints.pattern = pattern;
    return {
      name: field.name,
      type: 'string',
      format: 'default',
      description: `${field.description} ${listDescription(field)}`.trim(),
      ...(field.depth === 1 ? exampleOf(field) : {}),
      constraints,
    };
  }
  const values = enumOf(field.scalar);
  if (field.type === 'string' && values) constraints.enum = values;
  else if (field.type === 'string' && typeof field.scalar.pattern === 'string') constraints.pattern = tablePattern(field.scalar.pattern);
  if ((field.type === 'integer' || field.type === 'number') && typeof field.scalar.minimum === 'number') constraints.minimum = field.scalar.minimum;
  if ((field.type === 'integer' || field.type === 'number') && typeof field.scalar.maximum === 'number') constraints.maximum = field.scalar.maximum;
  return {
    name: field.name,
    type: field.type,
    format: 'default',
    description: field.description,
    ...exampleOf(field),
    ...(field.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
    constraints,
  };
}

/** The Table Schema of a collection's CSV: its flat fields, primary key (the id) and foreign keys (`references`). */
export function tableSchema(collection: Collection) {
  const fields = flatFields(collection.schema);
  const schema = {
    fields: fields.map((field) => tableField(field, field.name === collection.id.name)),
    missingValues: [''],
    primaryKey: [collection.id.name],
  };
  const foreignKeys = Object.entries(collection.references ?? {}).map(([field, reference]) => ({
    fields: [field],
    reference: { resource: reference.collection, fields: [reference.field] },
  }));
  // The profile wants at least one foreign key when the property is there.
  return foreignKeys.length > 0 ? { ...schema, foreignKeys } : schema;
}

/** Where a source can be read: its URL, else its file in its repository at the commit taken. */
export function sourceLocation(source: DatasetType['sources'][number]): string | undefined {
  if (source.url) return source.url;
  if (source.repository) return `https://github.com/${source.repository.name}/blob/${source.repository.commit}/${source.repository.path}`;
  return undefined;
}

/** The data package descriptor: one tabular resource per collection CSV (`files`: collection → file name). */
export function dataPackage(dataset: DatasetType, resources: { collection: Collection; file: string; title: string }[]) {
  return {
    profile: 'tabular-data-package',
    name: dataset.id,
    title: dataset.title,
    description: dataset.description,
    version: dataset.version,
    lastModified: dataset.modified,
    keywords: dataset.keywords,
    licenses: [{ name: dataset.licence.id, title: dataset.licence.name, path: dataset.licence.url }],
    attribution: dataset.attribution,
    contributors: [{ title: dataset.publisher.name, role: 'publisher', ...(dataset.publisher.url ? { path: dataset.publisher.url } : {}) }],
    sources: dataset.sources.map((source) => {
      const path = sourceLocation(source);
      return { title: `${source.title} (${source.publisher}; ${source.licence})`, ...(path ? { path } : {}) };
    }),
    resources: resources.map(({ collection, file, title }) => ({
      name: collection.name,
      path: file,
      title,
      description: `Every ${collection.noun.one}, one row each, as /v1/${collection.topLevel ? collection.name : `intercommunalities/{siren}/${collection.name}`} serves them with format=csv.`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true, caseSensitiveHeader: true },
      licenses: [{ name: dataset.licence.id, title: dataset.licence.name, path: dataset.licence.url }],
      schema: tableSchema(collection),
    })),
  };
}

const Text = (description: string) => Type.String({ description });
const Licence = Type.Object(
  { name: Text('SPDX-style identifier.'), title: Text('Licence name.'), path: Text('Licence URL.') },
  { additionalProperties: false },
);
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const TableField = Type.Object(
  {
    name: Text('Column name, as in the CSV header.'),
    type: Type.Union(
      ['string', 'integer', 'number', 'boolean', 'date'].map((type) => Type.Literal(type)),
      { description: 'Table Schema type.' },
    ),
    format: Type.Literal('default'),
    description: Text('What the column holds.'),
    example: Type.Optional(Scalar),
    trueValues: Type.Optional(Type.Array(Type.String())),
    falseValues: Type.Optional(Type.Array(Type.String())),
    constraints: Type.Object(
      {
        required: Type.Optional(Type.Boolean()),
        unique: Type.Optional(Type.Boolean()),
        pattern: Type.Optional(Type.String()),
        enum: Type.Optional(Type.Array(Type.String())),
        minimum: Type.Optional(Type.Number()),
        maximum: Type.Optional(Type.Number()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'A Table Schema field.' },
);

/** The shape of datapackage.json, for the OpenAPI document (the official profile validates it in the tests). */
export const DataPackage = Type.Object(
  {
    profile: Type.Literal('tabular-data-package'),
    name: Text('Package name.'),
    title: Text('Title.'),
    description: Text('Description.'),
    version: Text('Dataset version.'),
    lastModified: Text('Date data/ last changed.'),
    keywords: Type.Array(Type.String()),
    licenses: Type.Array(Licence),
    attribution: Text('How to credit.'),
    contributors: Type.Array(Type.Object({ title: Type.String(), role: Type.String(), path: Type.Optional(Type.String()) }, { additionalProperties: false })),
    sources: Type.Array(Type.Object({ title: Type.String(), path: Type.Optional(Type.String()) }, { additionalProperties: false })),
    resources: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          path: Type.String(),
          title: Type.String(),
          description: Type.String(),
          profile: Type.Literal('tabular-data-resource'),
          format: Type.Literal('csv'),
          mediatype: Type.Literal('text/csv'),
          encoding: Type.Literal('utf-8'),
          dialect: Type.Object(
            {
              delimiter: Type.String(),
              lineTerminator: Type.String(),
              quoteChar: Type.String(),
              doubleQuote: Type.Boolean(),
              header: Type.Boolean(),
              caseSensitiveHeader: Type.Boolean(),
            },
            { additionalProperties: false },
          ),
          licenses: Type.Array(Licence),
          schema: Type.Object(
            {
              fields: Type.Array(TableField),
              missingValues: Type.Array(Type.String()),
              primaryKey: Type.Array(Type.String()),
              foreignKeys: Type.Optional(
                Type.Array(
                  Type.Object(
                    {
                      fields: Type.Array(Type.String()),
                      reference: Type.Object({ resource: Type.String(), fields: Type.Array(Type.String()) }, { additionalProperties: false }),
                    },
                    { additionalProperties: false },
                  ),
                ),
              ),
            },
            { additionalProperties: false, description: 'Table Schema of the CSV.' },
          ),
        },
        { additionalProperties: false, description: 'A CSV file of the package.' },
      ),
    ),
  },
  { additionalProperties: false, description: 'Frictionless Tabular Data Package: a Table Schema per CSV.' },
);

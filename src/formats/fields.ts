// Field paths of a representation schema: what `fields` may name, how CSV flattens an item, and projection.
import { Kind, type TSchema } from '@sinclair/typebox';

type Json = unknown;

/** The object variant of a schema: itself, the items of an array of objects, or the object member of a union. */
function objectOf(schema: TSchema): TSchema | undefined {
  if (schema[Kind] === 'Object') return schema;
  if (schema[Kind] === 'Array') return objectOf(schema.items as TSchema);
  if (schema[Kind] === 'Union') return (schema.anyOf as TSchema[]).find((member) => member[Kind] === 'Object');
  return undefined;
}

/** Dotted paths `fields` accepts: every property, and the properties of nested objects (not inside arrays). */
export function fieldPaths(schema: TSchema, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const path = `${prefix}${key}`;
    paths.push(path);
    const object = property[Kind] === 'Array' ? undefined : objectOf(property);
    if (object) paths.push(...fieldPaths(object, `${path}.`));
  }
  return paths;
}

/**
 * CSV columns: the leaves of the schema, dotted. Objects, including objects inside arrays, are flattened
 * (a column under an array holds one value per element); geometries keep one `coordinates` column.
 */
export function csvColumns(schema: TSchema, prefix = ''): string[] {
  const columns: string[] = [];
  for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const path = `${prefix}${key}`;
    const object = objectOf(property);
    if (object && !isGeometry(object)) columns.push(...csvColumns(object, `${path}.`));
    else if (object) columns.push(`${path}.coordinates`);
    else columns.push(path);
  }
  return columns;
}

function isGeometry(schema: TSchema): boolean {
  const type = (schema.properties as Record<string, TSchema> | undefined)?.type;
  return type?.const === 'Point' || type?.const === 'MultiPolygon';
}

/** A cell: scalars as text, lists of scalars joined with `|`, anything deeper as JSON. */
function cell(value: Json): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.some((item) => item !== null && typeof item === 'object') ? JSON.stringify(value) : value.join('|');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function valuesAt(value: Json, keys: string[]): Json {
  if (keys.length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => valuesAt(item, keys));
  if (value === null || typeof value !== 'object') return undefined;
  const [key, ...rest] = keys;
  return valuesAt((value as Record<string, Json>)[key as string], rest);
}

/** One CSV row for `item`, in the order of `columns`. */
export function csvRow(item: Json, columns: string[]): string[] {
  return columns.map((column) => cell(valuesAt(item, column.split('.'))));
}

/** `item` with only the `paths` (dotted) kept, nested as in the item. */
export function project(item: Record<string, Json>, paths: string[]): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let source: Json = item;
    for (const key of keys) source = source !== null && typeof source === 'object' ? (source as Record<string, Json>)[key] : undefined;
    if (source === undefined) continue;
    let target = result;
    keys.slice(0, -1).forEach((key) => {
      if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
      target = target[key] as Record<string, Json>;
    });
    target[keys.at(-1) as string] = source;
  }
  return result;
}

// Field paths of a representation schema: what `fields` may name, projection, and the one flattening of an item
// into a flat row (name → scalar) that drives CSV columns, GeoJSON properties, Table Schemas and the publication database.
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

// ---------------------------------------------------------------------------------------------------------------
// Flattening. Rules (README, "Flat files"):
// - a nested object's fields become fields of their own, named by their dotted path: `population.municipal`;
// - a GeoJSON Point becomes two numbers, `….longitude` and `….latitude`; a MultiPolygon is left out (it is
//   GeoJSON's geometry, not a column);
// - a list of scalars is one text value, its items joined with `|`;
// - a list of objects gives one field per leaf of the object, each a list (one item per element, joined with `|`,
//   an absent value an empty item), and a list inside it a list of lists: items `|`, nested items `,`;
// - inside lists, `\`, `|` (and `,` in nested lists) in an item are escaped with `\`;
// - an absent value, null, or an empty list is an empty CSV cell and a null GeoJSON property.

/** Table Schema types of flat values (lists are `string`). */
export type FlatType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

type Step = string | { index: number };

export interface FlatField {
  /** Column (CSV, Table Schema) and property (GeoJSON) name: the dotted path; `….longitude`/`….latitude` for Points. */
  name: string;
  /** Where the value is in the item; object keys under an array apply to each element. */
  path: Step[];
  /** The JSON path of `fields` this field belongs to (without the coordinate index). */
  source: string;
  /** Type of the value, or of each item when `depth` > 0. */
  type: FlatType;
  /** 0: one value; 1: a list, items joined with `|`; 2: a list of lists, items `|`, nested items `,`. */
  depth: 0 | 1 | 2;
  /** Whether every item has a non-empty value. */
  required: boolean;
  /** For lists: whether every element of the list has a value (an absent one is an empty item otherwise). */
  itemsRequired: boolean;
  /** The schema of one scalar value (pattern, enum, bounds, description). */
  scalar: TSchema;
  description: string;
}

const isNull = (schema: TSchema) => schema[Kind] === 'Null';
const isLiteral = (schema: TSchema) => schema[Kind] === 'Literal';

/** The geometry type of an object schema (`Point`, `MultiPolygon`), if it is a GeoJSON geometry. */
export function geometryType(schema: TSchema | undefined): 'Point' | 'MultiPolygon' | undefined {
  const type = (schema?.properties as Record<string, TSchema> | undefined)?.type;
  return type?.const === 'Point' || type?.const === 'MultiPolygon' ? type.const : undefined;
}

function scalarType(schema: TSchema): FlatType {
  switch (schema[Kind]) {
    case 'Integer':
      return 'integer';
    case 'Number':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'String':
      return schema.format === 'date' ? 'date' : 'string';
    case 'Literal':
      return typeof schema.const === 'number'
        ? Number.isInteger(schema.const)
          ? 'integer'
          : 'number'
        : typeof schema.const === 'boolean'
          ? 'boolean'
          : 'string';
    case 'Union':
      if ((schema.anyOf as TSchema[]).every(isLiteral)) return scalarType((schema.anyOf as TSchema[])[0] as TSchema);
  }
  throw new Error(`No flat type for a schema of kind ${String(schema[Kind])}`);
}

function describe(schema: TSchema, parent?: TSchema): string {
  return String(schema.description ?? parent?.description ?? '');
}

function walk(schema: TSchema, prefix: string, path: Step[], depth: number, required: boolean, itemRequired: boolean, out: FlatField[]) {
  const properties = schema.properties as Record<string, TSchema>;
  const requiredKeys = new Set((schema.required as string[] | undefined) ?? []);
  for (const [key, declared] of Object.entries(properties)) {
    const name = `${prefix}${key}`;
    const here = [...path, key];
    let property = declared;
    let present = required && requiredKeys.has(key);
    let itemPresent = itemRequired && requiredKeys.has(key);
    // A value or null: the value's schema, never required.
    if (property[Kind] === 'Union' && (property.anyOf as TSchema[]).some(isNull)) {
      const members = (property.anyOf as TSchema[]).filter((member) => !isNull(member));
      property =
        members.length === 1 ? { ...(members[0] as TSchema), description: property.description ?? members[0]?.description } : { ...property, anyOf: members };
      present = false;
      itemPresent = false;
    }
    const geometry = geometryType(property);
    if (geometry === 'MultiPolygon') continue;
    if (geometry === 'Point') {
      for (const [index, axis] of ['longitude', 'latitude'].entries()) {
        const scalar = { ...((property.properties as Record<string, TSchema>).coordinates?.items as TSchema) };
        scalar.description = `${axis === 'longitude' ? 'Longitude' : 'Latitude'} in WGS84 degrees (${describe(property).replace(/\.$/, '')}).`;
        if (axis === 'latitude') Object.assign(scalar, { minimum: -90, maximum: 90 });
        out.push({
          name: `${name}.${axis}`,
          path: [...here, 'coordinates', { index }],
          source: name,
          type: 'number',
          depth: depth as FlatField['depth'],
          required: present,
          itemsRequired: itemPresent,
          scalar,
          description: scalar.description,
        });
      }
      continue;
    }
    if (property[Kind] === 'Object') {
      walk(property, `${name}.`, here, depth, present, itemPresent, out);
      continue;
    }
    if (property[Kind] === 'Array') {
      const items = property.items as TSchema;
      const listRequired = present && Number(property.minItems ?? 0) >= 1;
      if (items[Kind] === 'Object') {
        if (geometryType(items)) throw new Error(`${name}: lists of geometries are not flattened`);
        walk(items, `${name}.`, here, depth + 1, listRequired, true, out);
        continue;
      }
      if (depth + 1 > 2) throw new Error(`${name}: lists nested deeper than two levels are not flattened`);
      out.push({
        name,
        path: here,
        source: name,
        type: scalarType(items),
        depth: (depth + 1) as FlatField['depth'],
        required: listRequired,
        itemsRequired: depth === 0 || itemPresent,
        scalar: items,
        description: describe(property, items),
      });
      continue;
    }
    out.push({
      name,
      path: here,
      source: name,
      type: scalarType(property),
      depth: depth as FlatField['depth'],
      required: present,
      itemsRequired: itemPresent,
      scalar: property,
      description: describe(property),
    });
  }
}

const cache = new WeakMap<TSchema, FlatField[]>();

/** The flat fields of a representation schema, in the order of the schema. */
export function flatFields(schema: TSchema): FlatField[] {
  let fields = cache.get(schema);
  if (!fields) {
    fields = [];
    walk(schema, '', [], 0, true, true, fields);
    cache.set(schema, fields);
  }
  return fields;
}

/** The flat fields `fields` (dotted JSON paths, as the `fields` parameter takes them) select; all when undefined. */
export function selectFields(all: FlatField[], fields?: string[]): FlatField[] {
  if (!fields) return all;
  return all.filter((field) => fields.some((path) => field.source === path || field.source.startsWith(`${path}.`) || path.startsWith(`${field.source}.`)));
}

/** The names of the top-level properties holding a geometry, with its type. */
export function geometryFields(schema: TSchema): Record<string, 'Point' | 'MultiPolygon'> {
  const result: Record<string, 'Point' | 'MultiPolygon'> = {};
  for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const type = geometryType(property);
    if (type) result[key] = type;
  }
  return result;
}

function valueAt(value: Json, path: Step[]): Json {
  if (path.length === 0) return value;
  const [step, ...rest] = path as [Step, ...Step[]];
  if (typeof step === 'object') return Array.isArray(value) ? valueAt(value[step.index], rest) : undefined;
  if (Array.isArray(value)) return value.map((element) => valueAt(element, path));
  if (value === null || typeof value !== 'object') return undefined;
  return valueAt((value as Record<string, Json>)[step], rest);
}

/** Thrown when an item does not have the shape its schema declares: a writer never writes a wrong value silently. */
export class FlatteningError extends Error {
  override name = 'FlatteningError';
}

function scalarText(field: FlatField, value: Json): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FlatteningError(`${field.name}: expected a scalar, got ${JSON.stringify(value)?.slice(0, 80)}`);
}

const escapeItem = (text: string, nested: boolean) => text.replace(nested ? /[\\|,]/g : /[\\|]/g, (character) => `\\${character}`);

function listText(field: FlatField, value: Json, nested: boolean): string {
  if (value === undefined || value === null) return '';
  if (!Array.isArray(value)) throw new FlatteningError(`${field.name}: expected a list, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return value.map((item) => escapeItem(scalarText(field, item), nested)).join(nested ? ',' : '|');
}

/**
 * The value of `field` in `item`: a number, boolean or string for single values, the documented text for lists,
 * null when absent (or an empty list).
 */
export function flatValue(field: FlatField, item: Json): string | number | boolean | null {
  const value = valueAt(item, field.path);
  if (field.depth === 0) {
    if (value === undefined || value === null) return null;
    if (typeof value === 'object') throw new FlatteningError(`${field.name}: expected a scalar, got ${JSON.stringify(value)?.slice(0, 80)}`);
    return value as string | number | boolean;
  }
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new FlatteningError(`${field.name}: expected a list, got ${JSON.stringify(value)?.slice(0, 80)}`);
  if (value.length === 0) return null;
  const text = field.depth === 1 ? listText(field, value, false) : value.map((inner) => listText(field, inner, true)).join('|');
  return text;
}

/** The flat row of `item`: name → value, for `fields`. */
export function flatRow(fields: FlatField[], item: Json): Record<string, string | number | boolean | null> {
  return Object.fromEntries(fields.map((field) => [field.name, flatValue(field, item)]));
}

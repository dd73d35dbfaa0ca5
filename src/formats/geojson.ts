// GeoJSON (RFC 7946) of a collection: Features whose properties are the item's flat fields (one level, typed: numbers
// as numbers, codes as strings, lists as in CSV), and the TypeBox schemas of those Features and FeatureCollections.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { MultiPolygon, Point } from '../schemas/common.js';
import { flatFields, flatRow, geometryFields, selectFields, type FlatField } from './fields.js';

export interface GeoJsonOptions {
  /** Dotted `fields` of the request; undefined: every field. */
  fields?: string[];
  /** The geometry field of the Features; the collection's by default. */
  geometry?: string;
}

function geometryOf(collection: Collection, options: GeoJsonOptions): string {
  const geometry = options.geometry ?? collection.geometry;
  if (!geometry || !geometryFields(collection.schema)[geometry]) throw new Error(`${collection.name} has no geometry field "${geometry}"`);
  return geometry;
}

/** The flat fields that are a Feature's properties: the selected fields but the Feature's geometry. */
export function propertyFields(collection: Collection, options: GeoJsonOptions = {}): FlatField[] {
  const geometry = geometryOf(collection, options);
  const fields = selectFields(flatFields(collection.schema), options.fields);
  return fields.filter((field) => field.source !== geometry && !field.source.startsWith(`${geometry}.`));
}

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: unknown;
  properties: Record<string, string | number | boolean | null>;
}

/** One item (parsed JSON) as a Feature. */
export function toFeature(
  collection: Collection,
  item: Record<string, unknown>,
  options: GeoJsonOptions = {},
  properties = propertyFields(collection, options),
): Feature {
  const geometry = geometryOf(collection, options);
  return { type: 'Feature', id: String(item[collection.id.name]), geometry: item[geometry] ?? null, properties: flatRow(properties, item) };
}

/** Items (parsed JSON) as a FeatureCollection named `name` (GIS software names its layer after it). */
export function toFeatureCollection(collection: Collection, items: Record<string, unknown>[], name: string, options: GeoJsonOptions = {}) {
  const properties = propertyFields(collection, options);
  return { type: 'FeatureCollection' as const, name, features: items.map((item) => toFeature(collection, item, options, properties)) };
}

/** The schema of one flat value: the scalar's own schema (pattern, enum, format) for single values, text for lists; nullable unless required. */
function valueSchema(field: FlatField): TSchema {
  let schema: TSchema;
  if (field.depth > 0) {
    schema = Type.String({
      description: `${field.description} ${field.depth === 1 ? 'A list: items joined with `|`.' : 'A list of lists: items joined with `|`, nested items with `,`.'} Inside an item, \`\\\`, \`|\`${field.depth === 2 ? ' and `,`' : ''} are escaped with \`\\\`.`,
    });
  } else {
    const { $id: _id, examples: _examples, ...scalar } = field.scalar as TSchema & { $id?: string };
    schema = { ...scalar, description: field.description };
  }
  return field.required ? schema : Type.Union([schema, Type.Null()], { description: schema.description });
}

/** The schema of a flat row: one property per flat field (name → type). */
export function flatRowSchema(fields: FlatField[], options: { description?: string } = {}): TObject {
  return Type.Object(Object.fromEntries(fields.map((field) => [field.name, valueSchema(field)])), {
    additionalProperties: false,
    description: options.description ?? 'One level of typed values, named by their dotted JSON path.',
  });
}

/** The TypeBox schema of one Feature of `collection` (geometry Point or MultiPolygon, typed flat properties). */
export function featureSchema(collection: Collection, options: GeoJsonOptions & { $id?: string } = {}): TObject {
  const geometry = geometryOf(collection, options);
  const type = geometryFields(collection.schema)[geometry];
  return Type.Object(
    {
      type: Type.Literal('Feature'),
      id: Type.String({ ...collection.id.schema, description: `${collection.id.name} of the ${collection.noun.one}.` }),
      geometry: type === 'Point' ? Point : MultiPolygon,
      properties: flatRowSchema(propertyFields(collection, options), {
        description: `The ${collection.noun.one}'s fields but \`${geometry}\`, flattened as in CSV.`,
      }),
    },
    {
      additionalProperties: false,
      description: `GeoJSON Feature (RFC 7946) of a ${collection.noun.one}: ${geometry} as geometry.`,
      ...(options.$id ? { $id: options.$id } : {}),
    },
  );
}

/** The TypeBox schema of a FeatureCollection of `collection`, named (`name`) for GIS software. */
export function featureCollectionSchema(collection: Collection, options: GeoJsonOptions & { $id?: string } = {}): TObject {
  const { $id, ...rest } = options;
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      name: Type.String({ description: 'Name of the collection: the layer name in GIS software.', examples: [collection.name] }),
      features: Type.Array(featureSchema(collection, rest)),
    },
    {
      additionalProperties: false,
      description: `GeoJSON FeatureCollection (RFC 7946) of ${collection.noun.many}, coordinates [longitude, latitude] in WGS84.`,
      ...($id ? { $id } : {}),
    },
  );
}

/**
 * The Feature and FeatureCollection of `collection` as documented in OpenAPI (`${$id}Feature`,
 * `${$id}FeatureCollection`): one variant per field `geometry=` may choose, properties optional but the id (`fields`).
 */
export function documentedGeoJsonSchemas(collection: Collection): { feature: TSchema; featureCollection: TObject } {
  const $id = collection.schema.$id as string;
  const variants = Object.keys(geometryFields(collection.schema)).map((geometry) => {
    const feature = featureSchema(collection, { geometry });
    const properties = feature.properties.properties as TObject;
    const partial = Type.Object(
      Object.fromEntries(Object.entries(properties.properties).map(([name, schema]) => [name, name === collection.id.name ? schema : Type.Optional(schema)])),
      { additionalProperties: false, description: `${properties.description ?? ''} With \`fields\`, only the id and the fields asked for.`.trim() },
    );
    return Type.Object({ ...feature.properties, properties: partial }, { additionalProperties: false, description: feature.description });
  });
  const feature = variants.length === 1 ? { ...(variants[0] as TObject), $id: `${$id}Feature` } : Type.Union(variants, { $id: `${$id}Feature` });
  const featureCollection = Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      name: Type.String({ description: 'Name of the collection: the layer name in GIS software.', examples: [collection.name] }),
      features: Type.Array(Type.Ref(`${$id}Feature`)),
    },
    {
      $id: `${$id}FeatureCollection`,
      additionalProperties: false,
      description: `GeoJSON FeatureCollection (RFC 7946) of ${collection.noun.many}, coordinates [longitude, latitude] in WGS84.`,
    },
  );
  return { feature, featureCollection };
}

// The shape of an item asked with `fields`: every property optional but the id, nested objects likewise (the
// paths `fields` accepts reach into objects, not into arrays), and no `links` unless asked for.
import { Kind, Type, type TObject, type TSchema } from '@sinclair/typebox';

function partial(schema: TSchema): TSchema {
  if (schema[Kind] === 'Object') {
    const properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, TSchema>).map(([key, value]) => [key, Type.Optional(partial(value))]),
    );
    return Type.Object(properties, { additionalProperties: false, ...(schema.description ? { description: schema.description } : {}) });
  }
  if (schema[Kind] === 'Union') return Type.Union((schema.anyOf as TSchema[]).map(partial), schema.description ? { description: schema.description } : {});
  return schema;
}

/** The sparse variant of an item schema with `$id`: `${$id}Fields`. */
export function Sparse(item: TObject & { $id?: string }, id: string): TObject {
  const properties = Object.fromEntries(
    Object.entries(item.properties as Record<string, TSchema>).map(([key, value]) => [key, key === id ? value : Type.Optional(partial(value))]),
  );
  return Type.Object(properties, {
    $id: `${item.$id}Fields`,
    additionalProperties: false,
    description: `A ${item.$id} asked with \`fields\`: the id and the chosen fields only (nested objects keep only their chosen properties).`,
  });
}

// Routes of every declared collection: its list, its items and its related lists, all from the declaration.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { getItem, listItems } from '../db/list.js';
import { ListOf } from '../schemas/list.js';
import { formatsOf, mediaTypes, negotiate, renderItem, renderList, type Format, type Rendered } from './formats.js';
import { linkHeader, pageLinks } from './paging.js';
import { badRequest, HttpProblem, problemMediaType } from './problem.js';
import { itemQuerySchema, listQuerySchema, parseItemQuery, parseListQuery } from './query.js';

type RawQuery = Record<string, string | string[] | undefined>;

const pascal = (words: string) => words.replace(/(^|[\s-])(\w)/g, (_match, _space, letter: string) => letter.toUpperCase());

const problem = (description: string) => ({ description, content: { [problemMediaType]: { schema: Type.Ref('Problem') } } });

/** Response documentation of a route serving `formats`, with `json` the given schema. */
function responses(json: TSchema, formats: Format[], geojson: TSchema, notFound: boolean) {
  const content: Record<string, { schema: TSchema }> = {};
  for (const format of formats) {
    content[mediaTypes[format]] = { schema: format === 'json' ? json : format === 'geojson' ? geojson : Type.String({ description: `${format.toUpperCase()} text.` }) };
  }
  return {
    200: { description: 'OK. The format follows `format`, else the Accept header.', content },
    400: problem('A parameter is invalid; `errors` names each one and what it allows.'),
    ...(notFound ? { 404: problem('No such item.') } : {}),
    406: problem('The Accept header allows none of the formats of this resource.'),
  };
}

// Query strings are validated by the query grammar (src/http/query.ts), which names every parameter in its errors;
// the schemas attached to routes document them.
const documentedOnly: Pick<RouteShorthandOptions, 'validatorCompiler'> = { validatorCompiler: () => () => true };

function checkId(collection: Collection, name: string, value: string | undefined): string {
  if (value !== undefined && value.length <= 100 && Value.Check(collection.id.schema, value)) return value;
  const example = (collection.id.schema.examples as unknown[] | undefined)?.[0];
  throw badRequest([{ in: 'path', name, detail: `must match ${collection.id.schema.pattern} (for example ${JSON.stringify(example)})` }]);
}

function send(reply: FastifyReply, rendered: Rendered) {
  return reply.type(rendered.type).headers(rendered.headers).send(rendered.body);
}

function sendList(app: FastifyInstance, collection: Collection, request: FastifyRequest, reply: FastifyReply, scope?: { filter: string; value: string }, filename = collection.name) {
  const query = parseListQuery(collection, request.query as RawQuery, scope?.filter);
  const format = negotiate(collection, request, query.format);
  const scopeFilter = scope && { name: scope.filter, filter: collection.filters[scope.filter]!, values: [scope.value] };
  const { total, items } = listItems(app.db, collection, query, scopeFilter);
  const links = pageLinks(request.url, query, total);
  reply.header('link', linkHeader(links)).header('x-total-count', String(total));
  return send(reply, renderList(format, { collection, items, fields: query.fields, csv: query.csv, meta: { total, limit: query.limit, offset: query.offset }, links, filename }));
}

function registerCollection(app: FastifyInstance, collection: Collection) {
  const base = `/v1/${collection.name}`;
  const { one, many } = collection.noun;
  const idName = collection.id.name;
  const $id = collection.schema.$id as string;
  const formats = formatsOf(collection);
  const geojson = Type.Ref('FeatureCollection');
  app.addSchema(collection.schema);
  app.addSchema(ListOf(collection.schema));

  if (collection.topLevel) {
    app.get(base, {
      ...documentedOnly,
      schema: {
        operationId: `list${pascal(many).replace(/ /g, '')}`,
        tags: [collection.tag],
        summary: `List ${many}`,
        description: `Every ${one}, filtered, searched, sorted and paged by the query parameters below. ` +
          `Formats: ${formats.join(', ')}. Paging links are in \`links\` and in the Link header; the total is in \`meta.total\` and X-Total-Count.`,
        querystring: listQuerySchema(collection),
        response: responses(Type.Ref(`${$id}List`), formats, geojson, false),
      },
    }, (request, reply) => sendList(app, collection, request, reply));

    app.get(`${base}/:${idName}`, {
      ...documentedOnly,
      schema: {
        operationId: `get${pascal(one).replace(/ /g, '')}`,
        tags: [collection.tag],
        summary: `Get one ${one}`,
        description: `One ${one} by its ${idName}, with its sources and links. \`fields\` and \`format\` work as on the list.`,
        params: Type.Object({ [idName]: collection.id.schema }),
        querystring: itemQuerySchema(collection),
        response: responses(Type.Ref($id), formats, Type.Object({}, { description: 'GeoJSON Feature.' }), true),
      },
    }, (request, reply) => {
      const id = checkId(collection, idName, (request.params as Record<string, string>)[idName]);
      const query = parseItemQuery(collection, request.query as RawQuery);
      const format = negotiate(collection, request, query.format);
      const item = getItem(app.db, collection, id);
      if (item === undefined) throw new HttpProblem(404, `No ${one} with ${idName} "${id}". The list is at ${base}.`);
      return send(reply, renderItem(format, collection, item, { csv: query.csv, fields: query.fields, filename: `${collection.name}-${id}` }));
    });
  }

  for (const [name, related] of Object.entries(collection.related ?? {})) {
    const child = related.collection();
    app.get(`${base}/:${idName}/${name}`, {
      ...documentedOnly,
      schema: {
        operationId: `list${pascal(one).replace(/ /g, '')}${pascal(name)}`,
        tags: [collection.tag],
        summary: `List the ${name === 'communes' ? 'laureate communes' : name} of one ${one}`,
        description: `${related.description} The same query parameters as ${child.topLevel ? `/v1/${child.name}` : 'other lists'} apply.`,
        params: Type.Object({ [idName]: collection.id.schema }),
        querystring: listQuerySchema(child, related.filter),
        response: responses(Type.Ref(`${child.schema.$id}List`), formatsOf(child), geojson, true),
      },
    }, (request, reply) => {
      const id = checkId(collection, idName, (request.params as Record<string, string>)[idName]);
      if (getItem(app.db, collection, id) === undefined) throw new HttpProblem(404, `No ${one} with ${idName} "${id}". The list is at ${base}.`);
      return sendList(app, child, request, reply, { filter: related.filter, value: id }, `${collection.name}-${id}-${name}`);
    });
  }
}

/** Registers the routes of every collection, and its schemas on `app` itself so the OpenAPI document lists them. */
export function registerCollections(app: FastifyInstance, collections: Collection[]) {
  for (const collection of collections) registerCollection(app, collection);
}

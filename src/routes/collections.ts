// Routes of every declared collection: its list, its items and its related lists, all from the declaration.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { getItem, listItems, type Scope } from '../query/sql.js';
import { ListOf } from '../schemas/list.js';
import { formatsOf, mediaTypes, negotiate, offerOf, renderItem, renderList, type Format, type Rendered } from '../formats/render.js';
import { linkHeader, pageLinks } from '../query/paging.js';
import { badRequest, HttpProblem, problemExample, problemMediaType } from '../plugins/app/problems.js';
import type { ProblemType } from '../schemas/problem.js';
import { itemQuerySchema, listQuerySchema, parseItemQuery, parseListQuery } from '../query/parameters.js';

type RawQuery = Record<string, string | string[] | undefined>;

const pascal = (words: string) => words.replace(/(^|[\s-])(\w)/g, (_match, _space, letter: string) => letter.toUpperCase());

const problem = (description: string, example: ProblemType) => ({ description, content: { [problemMediaType]: { schema: Type.Ref('Problem'), example } } });

/** What a browser-less client asking for an image gets, for the examples. */
const acceptingImages = { headers: { accept: 'image/png' }, raw: { headers: { accept: 'image/png' } } } as unknown as FastifyRequest;

/** Response documentation of a route serving `formats`, with `json` the given schema; the problem examples come from the code. */
function responses(
  collection: Collection,
  json: TSchema,
  geojson: TSchema,
  examples: { path: string; ok?: unknown; badRequest: () => unknown; notFound?: () => unknown },
) {
  const content: Record<string, { schema: TSchema; example?: unknown }> = {};
  for (const format of formatsOf(collection)) {
    content[mediaTypes[format]] = {
      schema: format === 'json' ? json : format === 'geojson' ? geojson : Type.String({ description: `${format.toUpperCase()} text.` }),
    };
  }
  if (examples.ok !== undefined) (content[mediaTypes.json] as { example?: unknown }).example = examples.ok;
  return {
    200: { description: 'OK. The format follows `format`, else the Accept header.', content },
    400: problem('A parameter is invalid; `errors` names each one and what it allows.', problemExample(`${examples.path}?limit=1000`, examples.badRequest)),
    ...(examples.notFound ? { 404: problem('No such item.', problemExample(examples.path, examples.notFound)) } : {}),
    406: problem(
      'The Accept header allows none of the formats of this resource.',
      problemExample(examples.path, () => negotiate(collection, acceptingImages, undefined)),
    ),
  };
}

/** The id the schema gives as its example (an item of the curated data). */
const exampleId = (collection: Collection) => String((collection.id.schema.examples as unknown[] | undefined)?.[0] ?? '');

/** A real answer of the database for the OpenAPI document: one item, or the first page of one item of a list. */
function itemExample(app: FastifyInstance, collection: Collection): unknown {
  const item = getItem(app.db, collection, exampleId(collection));
  return item === undefined ? undefined : JSON.parse(item);
}

function listExample(app: FastifyInstance, collection: Collection, path: string, scope?: Scope): unknown {
  const query = parseListQuery(collection, { limit: '1' }, scope?.filter);
  const { total, items } = listItems(app.db, collection, query, scope);
  if (items.length === 0) return undefined;
  return {
    data: items.map((item) => JSON.parse(item)),
    meta: { total, limit: query.limit, offset: query.offset },
    links: pageLinks(`${path}?limit=1`, query, total),
  };
}

/** An id of the right form that no item has, for the examples: the id schema's example with its digits zeroed. */
function missingId(collection: Collection): string {
  const example = exampleId(collection);
  const zeroed = example.replace(/[1-9]/g, '0');
  return zeroed !== example ? zeroed : 'no-such-id';
}

function notFound(collection: Collection, id: string): HttpProblem {
  return new HttpProblem(404, `No ${collection.noun.one} with ${collection.id.name} "${id}". The list is at /v1/${collection.name}.`);
}

// Query strings are validated by the query grammar (src/http/query.ts), which names every parameter in its errors;
// the schemas attached to routes document them.
const documentedOnly: Pick<RouteShorthandOptions, 'validatorCompiler'> = { validatorCompiler: () => () => true };

function checkId(collection: Collection, name: string, value: string | undefined): string {
  if (value !== undefined && value.length <= 100 && Value.Check(collection.id.schema, value)) return value;
  throw badRequest([{ in: 'path', name, detail: `must match ${collection.id.schema.pattern} (for example ${JSON.stringify(exampleId(collection))})` }]);
}

function send(reply: FastifyReply, rendered: Rendered) {
  return reply.type(rendered.type).headers(rendered.headers).send(rendered.body);
}

function sendList(app: FastifyInstance, collection: Collection, request: FastifyRequest, reply: FastifyReply, scope?: Scope, filename = collection.name) {
  const query = parseListQuery(collection, request.query as RawQuery, scope?.filter);
  const format = negotiate(collection, request, query.format);
  const { total, items } = listItems(app.db, collection, query, scope);
  const links = pageLinks(request.url, query, total);
  reply.header('link', linkHeader(links)).header('x-total-count', String(total));
  return send(
    reply,
    renderList(format, { collection, items, fields: query.fields, csv: query.csv, meta: { total, limit: query.limit, offset: query.offset }, links, filename }),
  );
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
    app.get(
      base,
      {
        ...documentedOnly,
        config: { offer: offerOf(collection) },
        schema: {
          operationId: `list${pascal(many).replace(/ /g, '')}`,
          tags: [collection.tag],
          summary: `List ${many}`,
          description:
            `Every ${one}, filtered, searched, sorted and paged by the query parameters below. ` +
            `Formats: ${formats.join(', ')}. Paging links are in \`links\` and in the Link header; the total is in \`meta.total\` and X-Total-Count.`,
          querystring: listQuerySchema(collection),
          response: responses(collection, Type.Ref(`${$id}List`), geojson, {
            path: base,
            ok: listExample(app, collection, base),
            badRequest: () => parseListQuery(collection, { limit: '1000' }),
          }),
        },
      },
      (request, reply) => sendList(app, collection, request, reply),
    );

    app.get(
      `${base}/:${idName}`,
      {
        ...documentedOnly,
        config: { offer: offerOf(collection) },
        schema: {
          operationId: `get${pascal(one).replace(/ /g, '')}`,
          tags: [collection.tag],
          summary: `Get one ${one}`,
          description: `One ${one} by its ${idName}, with its sources and links. \`fields\` and \`format\` work as on the list.`,
          params: Type.Object({ [idName]: collection.id.schema }),
          querystring: itemQuerySchema(collection),
          response: responses(collection, Type.Ref($id), Type.Object({}, { description: 'GeoJSON Feature.' }), {
            path: `${base}/${missingId(collection)}`,
            ok: itemExample(app, collection),
            badRequest: () => parseItemQuery(collection, { limit: '1000' }),
            notFound: () => {
              throw notFound(collection, missingId(collection));
            },
          }),
        },
      },
      (request, reply) => {
        const id = checkId(collection, idName, (request.params as Record<string, string>)[idName]);
        const query = parseItemQuery(collection, request.query as RawQuery);
        const format = negotiate(collection, request, query.format);
        const item = getItem(app.db, collection, id);
        if (item === undefined) throw notFound(collection, id);
        return send(reply, renderItem(format, collection, item, { csv: query.csv, fields: query.fields, filename: `${collection.name}-${id}` }));
      },
    );
  }

  for (const [name, related] of Object.entries(collection.related ?? {})) {
    const child = related.collection();
    app.get(
      `${base}/:${idName}/${name}`,
      {
        ...documentedOnly,
        config: { offer: offerOf(child) },
        schema: {
          operationId: `list${pascal(one).replace(/ /g, '')}${pascal(name)}`,
          tags: [collection.tag],
          summary: `List the ${name === 'communes' ? 'laureate communes' : name} of one ${one}`,
          description: `${related.description} The same query parameters as ${child.topLevel ? `/v1/${child.name}` : 'other lists'} apply.`,
          params: Type.Object({ [idName]: collection.id.schema }),
          querystring: listQuerySchema(child, related.filter),
          response: responses(child, Type.Ref(`${child.schema.$id}List`), geojson, {
            path: `${base}/${missingId(collection)}/${name}`,
            ok: listExample(app, child, `${base}/${exampleId(collection)}/${name}`, { filter: related.filter, value: exampleId(collection) }),
            badRequest: () => parseListQuery(child, { limit: '1000' }, related.filter),
            notFound: () => {
              throw notFound(collection, missingId(collection));
            },
          }),
        },
      },
      (request, reply) => {
        const id = checkId(collection, idName, (request.params as Record<string, string>)[idName]);
        if (getItem(app.db, collection, id) === undefined) throw notFound(collection, id);
        return sendList(app, child, request, reply, { filter: related.filter, value: id }, `${collection.name}-${id}-${name}`);
      },
    );
  }
}

/** Registers the routes of every collection, and its schemas on `app` itself so the OpenAPI document lists them. */
export function registerCollections(app: FastifyInstance, collections: Collection[]) {
  for (const collection of collections) registerCollection(app, collection);
}

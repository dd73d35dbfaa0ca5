// Routes of every declared collection, registered under the API prefix: its list, its items and its related lists,
// each with the parameters, validation and documented responses its declaration implies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { collectionPath } from '../resources/links.js';
import { formatsOf, mediaTypes, negotiate, offerOf, parsed, renderItem, renderList, type Format } from '../formats/render.js';
import { HttpProblem, problemExample } from '../formats/problem.js';
import { getItem } from '../query/sql.js';
import { listItems } from '../query/list.js';
import { linkHeader, pageLinks } from '../query/paging.js';
import { defaultLimit, idParameter, itemParameters, listParameters, type Parameters } from '../query/parameters.js';
import { itemQuery, listQuery, type Scope } from '../query/query.js';
import { failure, parameterValidation } from '../query/validation.js';
import { ItemOrFields } from '../schemas/list.js';
import { attachmentHeader, commonProblems, listHeaders, notModified, ok, problem } from './responses.js';

/** The most items a file format (csv, ndjson, geojson) returns when asked for the whole result (no `limit`). */
export const maxWholeResult = 50_000;

const pascal = (words: string) => words.replace(/(^|[\s-])(\w)/g, (_match, _space, letter: string) => letter.toUpperCase()).replace(/ /g, '');

/** What a browser-less client asking for an image gets, for the examples. */
const acceptingImages = { headers: { accept: 'image/png' }, raw: { headers: { accept: 'image/png' } } } as unknown as FastifyRequest;

/** The id the schema gives as its example (an item of the curated data). */
const exampleId = (collection: Collection) => {
  const example = (collection.id.schema.examples as unknown[] | undefined)?.[0];
  return typeof example === 'string' ? example : '';
};

/** An id of the right form that no item has, for the examples: the id schema's example with its digits zeroed. */
function missingId(collection: Collection): string {
  const example = exampleId(collection);
  const zeroed = example.replace(/[1-9]/g, '0');
  return zeroed !== example ? zeroed : 'no-such-id';
}

function notFound(collection: Collection, id: string): HttpProblem {
  return new HttpProblem(404, `No ${collection.noun.one} with ${collection.id.name} "${id}". The list is at ${collectionPath(collection.name)}.`);
}

/** The 200 content of a route serving `collection`'s formats, with `json` and `geojson` the given schemas. */
function content(collection: Collection, json: TSchema, geojson: TSchema, example: () => unknown) {
  const schemas: Record<Format, TSchema> = {
    json,
    geojson,
    csv: Type.String({ description: 'CSV (RFC 4180, UTF-8, header row): nested fields flattened with dotted names; see the README.' }),
    ndjson: Type.String({ description: 'Newline-delimited JSON: one item a line, each as in the JSON format.' }),
  };
  return Object.fromEntries(
    formatsOf(collection).map((format) => [mediaTypes[format], { schema: schemas[format], ...(format === 'json' ? { example } : {}) }]),
  );
}

/** The 400, 406 and common problems of a route of `collection` taking `parameters`. */
function problems(collection: Collection, path: string, parameters: Parameters) {
  return {
    400: problem('A parameter is invalid; `errors` names each one and what it allows.', () =>
      problemExample(`${path}?limit=1000`, () => failure(parameters, { limit: '1000' })),
    ),
    406: problem(
      'The Accept header allows none of the formats of this resource (an Accept of text/html or application/problem+json alone gets JSON, the default).',
      () => problemExample(path, () => negotiate(collection, acceptingImages, undefined)),
    ),
    ...commonProblems(path),
  };
}

function sendList(app: FastifyInstance, collection: Collection, request: FastifyRequest, reply: FastifyReply, scope?: Scope, filename = collection.name) {
  const query = listQuery(collection, request.query as Record<string, unknown>, scope);
  const format = negotiate(collection, request, query.presentation.format);
  // A file format asked without `limit` is the whole result, never a silent first page.
  const whole = query.page.limit === undefined && format !== 'json';
  const page = { limit: whole ? maxWholeResult : (query.page.limit ?? defaultLimit), offset: query.page.offset };
  const { total, items } = listItems(app.db, collection, query.selection, page, (count) => {
    if (whole && count - page.offset > maxWholeResult) {
      throw new HttpProblem(
        400,
        `The result has ${count} items, more than the ${maxWholeResult} a file format returns at once: page it with limit and offset.`,
        [{ in: 'query', name: 'limit', detail: `is required for a result of more than ${maxWholeResult} items` }],
      );
    }
  });
  const links = pageLinks(request.url, { ...page, whole }, total);
  const rendered = renderList(format, {
    collection,
    items,
    ...query.presentation,
    meta: { total, limit: whole ? Math.max(total, 1) : page.limit, offset: page.offset },
    links,
    filename,
  });
  return reply.represent({ ...rendered, headers: { ...rendered.headers, link: linkHeader(links), 'x-total-count': String(total) } });
}

/** A real answer of the database for the OpenAPI document: one item. */
function itemExample(app: FastifyInstance, collection: Collection): unknown {
  const item = getItem(app.db, collection, exampleId(collection));
  return item === undefined ? undefined : JSON.parse(item);
}

/** A real answer of the database for the OpenAPI document: the first page of one item of a list. */
function listExample(app: FastifyInstance, collection: Collection, path: string, scope?: Scope): unknown {
  const query = listQuery(collection, {}, scope);
  const { total, items } = listItems(app.db, collection, query.selection, { limit: 1, offset: 0 });
  if (items.length === 0) return undefined;
  return {
    data: items.map(parsed),
    meta: { total, limit: 1, offset: 0 },
    links: pageLinks(`${path}?limit=1`, { limit: 1, offset: 0 }, total),
  };
}

function registerCollection(app: FastifyInstance, collection: Collection) {
  const base = `/${collection.name}`;
  const fullBase = collectionPath(collection.name);
  const { one, many } = collection.noun;
  const idName = collection.id.name;
  const $id = collection.schema.$id as string;
  const formats = formatsOf(collection);
  const featureCollection = Type.Ref(`${$id}FeatureCollection`);
  const path = idParameter(collection);
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>)[idName] as string;

  if (collection.topLevel) {
    const parameters = listParameters(collection);
    const validation = parameterValidation(parameters);
    app.get(
      base,
      {
        validatorCompiler: validation.validatorCompiler,
        config: { offer: offerOf(collection) },
        schema: {
          operationId: `list${pascal(many)}`,
          tags: [collection.tag],
          summary: `List ${many}`,
          description:
            `Every ${one}, filtered, searched, sorted and paged by the query parameters below. ` +
            `Formats: ${formats.join(', ')}. Paging links are in \`links\` and in the Link header; the total is in \`meta.total\` and X-Total-Count. ` +
            'With `fields`, each item carries only its id and the fields asked for.',
          ...validation.schemas,
          response: {
            200: ok(
              'OK. The format follows `format`, else the Accept header.',
              content(collection, Type.Ref(`${$id}List`), featureCollection, () => listExample(app, collection, fullBase)),
              { ...listHeaders, ...attachmentHeader(false) },
            ),
            304: notModified,
            ...problems(collection, fullBase, parameters),
          },
        },
      },
      (request, reply) => sendList(app, collection, request, reply),
    );

    const item = itemParameters(collection);
    const itemValidation = parameterValidation(item, path);
    const missing = `${fullBase}/${missingId(collection)}`;
    app.get(
      `${base}/:${idName}`,
      {
        validatorCompiler: itemValidation.validatorCompiler,
        config: { offer: offerOf(collection) },
        schema: {
          operationId: `get${pascal(one)}`,
          tags: [collection.tag],
          summary: `Get one ${one}`,
          description: `One ${one} by its ${idName}, with its sources and links. \`fields\` and \`format\` work as on the list.`,
          ...itemValidation.schemas,
          response: {
            200: ok(
              'OK. The format follows `format`, else the Accept header.',
              content(collection, ItemOrFields(collection.schema), Type.Ref(`${$id}Feature`), () => itemExample(app, collection)),
              attachmentHeader(false),
            ),
            304: notModified,
            ...problems(collection, missing, item),
            404: problem('No such item.', () =>
              problemExample(missing, () => {
                throw notFound(collection, missingId(collection));
              }),
            ),
          },
        },
      },
      (request, reply) => {
        const id = idOf(request);
        const presentation = itemQuery(collection, request.query as Record<string, unknown>);
        const format = negotiate(collection, request, presentation.format);
        const found = getItem(app.db, collection, id);
        if (found === undefined) throw notFound(collection, id);
        return reply.represent(renderItem(format, collection, found, { ...presentation, filename: `${collection.name}-${id}` }));
      },
    );
  }

  for (const [name, related] of Object.entries(collection.related ?? {})) {
    const child = related.collection();
    const parameters = listParameters(child, related.filter);
    const validation = parameterValidation(parameters, path);
    const missing = `${fullBase}/${missingId(collection)}/${name}`;
    app.get(
      `${base}/:${idName}/${name}`,
      {
        validatorCompiler: validation.validatorCompiler,
        config: { offer: offerOf(child) },
        schema: {
          operationId: `list${pascal(one)}${pascal(name)}`,
          tags: [collection.tag],
          summary: `List the ${name === 'communes' ? 'laureate communes' : name} of one ${one}`,
          description: `${related.description} The same query parameters as ${child.topLevel ? collectionPath(child.name) : 'other lists'} apply.`,
          ...validation.schemas,
          response: {
            200: ok(
              'OK. The format follows `format`, else the Accept header.',
              content(child, Type.Ref(`${child.schema.$id}List`), Type.Ref(`${child.schema.$id}FeatureCollection`), () =>
                listExample(app, child, `${fullBase}/${exampleId(collection)}/${name}`, { filter: related.filter, value: exampleId(collection) }),
              ),
              { ...listHeaders, ...attachmentHeader(false) },
            ),
            304: notModified,
            ...problems(child, missing, parameters),
            404: problem('No such item.', () =>
              problemExample(missing, () => {
                throw notFound(collection, missingId(collection));
              }),
            ),
          },
        },
      },
      (request, reply) => {
        const id = idOf(request);
        if (getItem(app.db, collection, id) === undefined) throw notFound(collection, id);
        return sendList(app, child, request, reply, { filter: related.filter, value: id }, `${collection.name}-${id}-${name}`);
      },
    );
  }
}

/** The routes of every collection; register it with the API prefix. Their schemas are added to the root by the app. */
export default async function collectionRoutes(app: FastifyInstance, options: { collections: Collection[] }) {
  for (const collection of options.collections) registerCollection(app, collection);
}

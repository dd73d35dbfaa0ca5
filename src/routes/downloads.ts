// /downloads/{file}: the whole dataset, each collection as CSV (and their data package), GeoJSON, and the publication SQLite file.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { allItems } from '../query/sql.js';
import { collections } from '../resources/index.js';
import { downloadPath, downloads, type Download } from '../resources/download-files.js';
import { mediaTypes, renderCsv, renderList } from '../formats/render.js';
import { HttpProblem, problemExample } from '../formats/problem.js';
import { failure, parameterValidation } from '../query/validation.js';
import { attachmentHeader, commonProblems, notModified, ok, problem } from './responses.js';
import { DataPackage, dataPackage } from '../formats/datapackage.js';
import type { DatasetType } from '../resources/documents.js';
import { publicationPath } from '../build/publication.js';

function wholeDataset(app: FastifyInstance): string {
  const parts = collections.map((collection) => `"${collection.name}":[${allItems(app.db, collection).join(',')}]`);
  return `{"dataset":${app.document('dataset')},"programme":${app.document('programme')},${parts.join(',')}}`;
}

function render(app: FastifyInstance, download: Download): { body: string | Buffer; type: string } {
  const { content } = download;
  if (content.kind === 'dataset') return { body: wholeDataset(app), type: `${mediaTypes.json}; charset=utf-8` };
  if (content.kind === 'datapackage') {
    const resources = downloads.flatMap(({ file, title, content: csv }) =>
      csv.kind === 'collection' && csv.format === 'csv' ? [{ collection: csv.collection, file, title }] : [],
    );
    return {
      body: `${JSON.stringify(dataPackage(JSON.parse(app.document('dataset')) as DatasetType, resources), null, 2)}\n`,
      type: `${mediaTypes.json}; charset=utf-8`,
    };
  }
  if (content.kind === 'sqlite') return { body: readFileSync(publicationPath(app.dataset.databasePath)), type: download.mediaType };
  const items = allItems(app.db, content.collection);
  const rendered =
    content.format === 'csv'
      ? renderCsv(content.collection, items, { separator: ',', bom: false, filename: content.collection.name })
      : renderList('geojson', {
          collection: content.collection,
          items,
          csv: { separator: ',', bom: false },
          meta: { total: items.length, limit: items.length, offset: 0 },
          links: {},
          filename: content.collection.name,
        });
  return { body: rendered.body, type: rendered.type };
}

const files = downloads.map((download) => download.file);

function unknownFile(file: string): HttpProblem {
  return new HttpProblem(404, `No download named "${file}". Available: ${files.join(', ')}.`);
}

const noParameters = parameterValidation({});

/** What each file holds, as a schema: the JSON document, a GeoJSON collection, or text and bytes. */
function schemaOf(download: Download): TSchema {
  const { content } = download;
  if (content.kind === 'dataset') {
    return Type.Object(
      {
        dataset: Type.Ref('Dataset'),
        programme: Type.Ref('Programme'),
        ...Object.fromEntries(collections.map((collection) => [collection.name, Type.Array(Type.Ref(collection.schema.$id as string))])),
      },
      { additionalProperties: false, description: download.title },
    );
  }
  if (content.kind === 'datapackage') return DataPackage;
  if (content.kind === 'sqlite') return Type.Unsafe<Uint8Array>({ type: 'string', contentMediaType: download.mediaType, description: download.title });
  if (content.format === 'geojson') return Type.Ref(`${content.collection.schema.$id}FeatureCollection`);
  return Type.String({ description: download.title });
}

/** One route per file, so that each is documented with its own media type and schema; an unknown name gets the list. */
export default async function downloadRoutes(app: FastifyInstance) {
  for (const download of downloads) {
    const path = downloadPath(download.file);
    app.get(
      path,
      {
        validatorCompiler: noParameters.validatorCompiler,
        schema: {
          operationId: `download${download.file.replace(/(^|[-.])(\w)/g, (_match, _separator, letter: string) => letter.toUpperCase())}`,
          tags: ['Dataset'],
          summary: `Download ${download.file}`,
          description: `${download.title}. The list of files is also in \`/v1/dataset\` \`downloads\`.`,
          ...noParameters.schemas,
          response: {
            200: ok('The file, as an attachment.', { [download.mediaType]: { schema: schemaOf(download) } }, attachmentHeader(true)),
            304: notModified,
            400: problem('Downloads take no query parameter.', () => problemExample(`${path}?sep=;`, () => failure({}, { sep: ';' }))),
            ...commonProblems(path),
          },
        },
      },
      (_request, reply) => {
        return reply.represent({ ...render(app, download), headers: { 'content-disposition': `attachment; filename="${download.file}"` } });
      },
    );
  }
  app.get('/downloads/:file', { schema: { hide: true } }, (request) => {
    throw unknownFile((request.params as { file: string }).file);
  });
}

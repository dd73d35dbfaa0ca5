// /downloads/{file}: the whole dataset, each collection as CSV (and their data package), GeoJSON, and the publication SQLite file.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { allItems } from '../query/sql.js';
import { collections } from '../resources/index.js';
import { downloads, type Download } from '../resources/download-files.js';
import { mediaTypes, renderCsv, renderList } from '../formats/render.js';
import { dataPackage } from '../formats/datapackage.js';
import type { DatasetType } from '../schemas/dataset.js';
import { publicationPath } from '../build/publication.js';
import { badRequest, HttpProblem, problemExample, problemMediaType, unknownParameter } from '../plugins/app/problems.js';

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

export function registerDownloads(app: FastifyInstance) {
  app.get(
    '/downloads/:file',
    {
      // The enum documents the files; an unknown one is a 404 from the handler rather than a schema error.
      validatorCompiler: () => () => true,
      schema: {
        operationId: 'getDownload',
        tags: ['Dataset'],
        summary: 'Download the dataset or a collection as a file',
        description: `Whole files, with a file name for saving: ${downloads.map((download) => `\`${download.file}\` (${download.title})`).join('; ')}. The list is also in \`/v1/dataset\` \`downloads\`.`,
        params: Type.Object({
          file: Type.Union(
            files.map((file) => Type.Literal(file)),
            { description: 'File name.' },
          ),
        }),
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: {
            description: 'The file, as an attachment.',
            content: Object.fromEntries(
              [...new Set(downloads.map((download) => download.mediaType))].map((type) => [type, { schema: Type.String({ description: 'The file.' }) }]),
            ),
          },
          400: {
            description: 'A query parameter was given; downloads take none.',
            content: {
              [problemMediaType]: {
                schema: Type.Ref('Problem'),
                example: problemExample('/downloads/communes.csv?sep=;', () => {
                  throw badRequest([unknownParameter('sep')]);
                }),
              },
            },
          },
          404: {
            description: 'No such file.',
            content: {
              [problemMediaType]: {
                schema: Type.Ref('Problem'),
                example: problemExample('/downloads/communes.xlsx', () => {
                  throw unknownFile('communes.xlsx');
                }),
              },
            },
          },
        },
      },
    },
    (request, reply) => {
      const { file } = request.params as { file: string };
      const parameters = Object.keys(request.query as object);
      if (parameters.length > 0) throw badRequest(parameters.map(unknownParameter));
      const download = downloads.find((candidate) => candidate.file === file);
      if (!download) throw unknownFile(file);
      const { body, type } = render(app, download);
      return reply.type(type).header('content-disposition', `attachment; filename="${download.file}"`).send(body);
    },
  );
}

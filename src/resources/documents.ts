// The two single documents, /v1/programme and /v1/dataset: their representation schemas and how the build makes
// them. Their links and counts are derived from the declared collections, so a new collection appears in them.
import { Type, type Static } from '@sinclair/typebox';
import { Links, Representation } from '../schemas/common.js';
import type { CuratedData } from '../schemas/data-files.js';
import { DatasetRecord } from '../schemas/dataset.js';
import { ProgrammeRecord } from '../schemas/programme.js';
import { downloadPath, downloads } from './download-files.js';
import { collections } from './index.js';
import { apiPrefix, collectionPath } from './links.js';

/** A collection's key in links and counts: its name in camelCase (`funding-links` → `fundingLinks`). */
export const keyOf = (name: string) => name.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());

const topLevel = collections.filter((collection) => collection.topLevel);
const collectionLinks = () => Object.fromEntries(topLevel.map((collection) => [keyOf(collection.name), collectionPath(collection.name)]));
const Count = Type.Integer({ minimum: 0 });

export const Programme = Representation(
  ProgrammeRecord,
  { links: Links(['self', ...topLevel.map((collection) => keyOf(collection.name)), 'dataset']) },
  { $id: 'Programme' },
);

export const Dataset = Representation(
  DatasetRecord,
  {
    version: Type.String({
      pattern: '^[0-9a-f]{16}$',
      description: 'Content hash of data/: changes whenever any fact changes.',
      examples: ['3f9a0c1d2e4b5a69'],
    }),
    counts: Type.Object(Object.fromEntries([...collections.map((collection) => [keyOf(collection.name), Count]), ['sources', Count]]), {
      additionalProperties: false,
      description: 'Number of records of each collection, and of sources.',
    }),
    downloads: Type.Array(
      Type.Object(
        {
          file: Type.String({ description: 'File name.', examples: ['communes.csv'] }),
          title: Type.String({ description: 'What the file holds.' }),
          mediaType: Type.String({ description: 'Media type.', examples: ['text/csv'] }),
          url: Type.String({ description: 'Where to download it (root-relative).', examples: ['/downloads/communes.csv'] }),
        },
        { additionalProperties: false },
      ),
      { description: 'The whole dataset and each collection as files.' },
    ),
    links: Links(['self', 'programme', ...topLevel.map((collection) => keyOf(collection.name)), 'openapi', 'docs', 'licence']),
  },
  { $id: 'Dataset' },
);

export type ProgrammeType = Static<typeof Programme>;
export type DatasetType = Static<typeof Dataset>;

export function representProgramme(data: CuratedData): ProgrammeType {
  return { ...data.programme, links: { self: `${apiPrefix}/programme`, ...collectionLinks(), dataset: `${apiPrefix}/dataset` } };
}

/** The dataset document; `counts` holds the number of items the build stored for each collection (by name). */
export function representDataset(data: CuratedData, version: string, counts: Record<string, number>): DatasetType {
  return {
    ...data.dataset,
    version,
    counts: {
      ...Object.fromEntries(collections.map((collection) => [keyOf(collection.name), counts[collection.name] ?? 0])),
      sources: data.dataset.sources.length,
    },
    downloads: downloads.map(({ file, title, mediaType }) => ({ file, title, mediaType, url: downloadPath(file) })),
    links: {
      self: `${apiPrefix}/dataset`,
      programme: `${apiPrefix}/programme`,
      ...collectionLinks(),
      openapi: '/openapi.json',
      docs: '/docs',
      licence: data.dataset.licence.url,
    },
  };
}

// The two single documents, /v1/programme and /v1/dataset, as the build stores them.
import type { CuratedData } from './load.js';
import type { DatasetType } from '../schemas/dataset.js';
import type { Programme } from '../schemas/programme.js';
import type { Static } from '@sinclair/typebox';
import { downloadPath, downloads } from '../resources/download-files.js';

export function representProgramme(data: CuratedData): Static<typeof Programme> {
  return {
    ...data.programme,
    links: {
      self: '/v1/programme',
      communes: '/v1/communes',
      intercommunalities: '/v1/intercommunalities',
      conventions: '/v1/conventions',
      measures: '/v1/measures',
      fundingLinks: '/v1/funding-links',
      dataset: '/v1/dataset',
    },
  };
}

export function representDataset(data: CuratedData, version: string, counts: DatasetType['counts']): DatasetType {
  return {
    ...data.dataset,
    version,
    counts,
    downloads: downloads.map(({ file, title, mediaType }) => ({ file, title, mediaType, url: downloadPath(file) })),
    links: {
      self: '/v1/dataset',
      programme: '/v1/programme',
      communes: '/v1/communes',
      intercommunalities: '/v1/intercommunalities',
      conventions: '/v1/conventions',
      measures: '/v1/measures',
      fundingLinks: '/v1/funding-links',
      openapi: '/openapi.json',
      docs: '/docs',
      licence: data.dataset.licence.url,
    },
  };
}

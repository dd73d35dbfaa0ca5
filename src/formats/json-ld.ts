// The dataset described for harvesters and dataset search engines: a schema.org `Dataset` in JSON-LD (the vocabulary
// Google Dataset Search reads, and which maps to DCAT: distribution ↔ dcat:distribution, DataDownload ↔ dcat:Distribution).
import { Type } from '@sinclair/typebox';
import type { DatasetType } from '../resources/documents.js';
import { sourceLocation } from './datapackage.js';

export const jsonLdMediaType = 'application/ld+json';

export interface JsonLdOptions {
  /** The area the data covers; the Hautes-Pyrénées by default. */
  area?: { code: string; name: string };
}

/**
 * The schema.org Dataset of `dataset` (the /v1/dataset document), with absolute URLs under `origin`
 * (`https://host`, no trailing slash): every download as a DataDownload, every source in `isBasedOn`.
 */
export function datasetJsonLd(dataset: DatasetType, origin: string, options: JsonLdOptions = {}) {
  const base = origin.replace(/\/+$/, '');
  const area = options.area ?? { code: '65', name: 'Hautes-Pyrénées' };
  const publisher = { '@type': 'Organization', name: dataset.publisher.name, ...(dataset.publisher.url ? { url: dataset.publisher.url } : {}) };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': `${base}/v1/dataset`,
    url: `${base}/`,
    identifier: dataset.id,
    name: dataset.title,
    description: dataset.description,
    license: dataset.licence.url,
    isAccessibleForFree: true,
    creditText: dataset.attribution,
    creator: publisher,
    publisher,
    dateModified: dataset.modified,
    version: dataset.version,
    keywords: dataset.keywords,
    inLanguage: 'fr',
    spatialCoverage: {
      '@type': 'AdministrativeArea',
      name: area.name,
      identifier: `FR-${area.code}`,
      containedInPlace: { '@type': 'Country', name: 'France', identifier: 'FR' },
    },
    distribution: dataset.downloads.map((download) => ({
      '@type': 'DataDownload',
      name: download.file,
      description: download.title,
      encodingFormat: download.mediaType,
      contentUrl: `${base}${download.url}`,
    })),
    isBasedOn: dataset.sources.map((source) => {
      const url = sourceLocation(source);
      return {
        '@type': 'CreativeWork',
        identifier: source.id,
        name: source.title,
        publisher: { '@type': 'Organization', name: source.publisher },
        ...(url ? { url } : {}),
        ...(source.publishedOn ? { datePublished: source.publishedOn } : {}),
        license: { '@type': 'CreativeWork', name: source.licence },
        ...(source.note ? { description: source.note } : {}),
      };
    }),
  };
}

const Organization = Type.Object(
  { '@type': Type.Literal('Organization'), name: Type.String(), url: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

/** The shape of the JSON-LD description, for the OpenAPI document. */
export const DatasetJsonLd = Type.Object(
  {
    '@context': Type.Literal('https://schema.org/'),
    '@type': Type.Literal('Dataset'),
    '@id': Type.String(),
    url: Type.String(),
    identifier: Type.String(),
    name: Type.String(),
    description: Type.String(),
    license: Type.String(),
    isAccessibleForFree: Type.Boolean(),
    creditText: Type.String(),
    creator: Organization,
    publisher: Organization,
    dateModified: Type.String(),
    version: Type.String(),
    keywords: Type.Array(Type.String()),
    inLanguage: Type.String(),
    spatialCoverage: Type.Object(
      {
        '@type': Type.Literal('AdministrativeArea'),
        name: Type.String(),
        identifier: Type.String(),
        containedInPlace: Type.Object({ '@type': Type.Literal('Country'), name: Type.String(), identifier: Type.String() }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    distribution: Type.Array(
      Type.Object(
        { '@type': Type.Literal('DataDownload'), name: Type.String(), description: Type.String(), encodingFormat: Type.String(), contentUrl: Type.String() },
        { additionalProperties: false },
      ),
    ),
    isBasedOn: Type.Array(
      Type.Object(
        {
          '@type': Type.Literal('CreativeWork'),
          identifier: Type.String(),
          name: Type.String(),
          publisher: Organization,
          url: Type.Optional(Type.String()),
          datePublished: Type.Optional(Type.String()),
          license: Type.Object({ '@type': Type.Literal('CreativeWork'), name: Type.String() }, { additionalProperties: false }),
          description: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'A schema.org Dataset in JSON-LD (DCAT-compatible), absolute URLs under the origin of the request.' },
);

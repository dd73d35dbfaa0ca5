// The dataset's metadata: licence, publisher, sources (data/dataset.json), and what the build adds (version, counts).
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, NonEmptyText, Slug, Url } from './common.js';

export const Source = Type.Object(
  {
    id: Type.String({ ...Slug, examples: ['cog-2026'] }),
    title: Type.String({ minLength: 1, description: 'What the source is.', examples: ['Code officiel géographique 2026: communes'] }),
    publisher: Type.String({ minLength: 1, description: 'Who publishes the original.', examples: ['INSEE'] }),
    url: Type.Optional(Type.String({ ...Url, description: 'Where the original is published.' })),
    repository: Type.Optional(
      Type.Object(
        {
          name: Type.String({
            pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
            description: 'GitHub repository, owner/name.',
            examples: ['datagouv/decoupage-administratif'],
          }),
          commit: Type.String({ pattern: '^[0-9a-f]{7,40}$', description: 'Commit the file was taken at.', examples: ['98976e5'] }),
          path: Type.String({ minLength: 1, description: 'Path of the file in the repository.', examples: ['sources/communes.csv'] }),
          committedOn: Type.Optional(
            Type.String({
              ...IsoDate,
              description: "Date of that commit, or of the release it is tagged with: the copy's date, not a publication date of the original.",
              examples: ['2026-03-09'],
            }),
          ),
        },
        { additionalProperties: false, description: 'Repository copy the extract was taken from.' },
      ),
    ),
    licence: Type.String({
      minLength: 1,
      description: 'Licence of the source, as the source or the reference extracts state it; says so when none is stated.',
      examples: ['Licence Ouverte / Open Licence 2.0'],
    }),
    publishedOn: Type.Optional(
      Type.String({
        ...IsoDate,
        description:
          "Date the original gives for itself: its publication, its last update, or the date its content describes (the date in a list's name). " +
          "Absent when no source states it; a copy's commit date is `repository.committedOn`, never this.",
      }),
    ),
    retrievedOn: Type.String({ ...IsoDate, description: 'Date the extract was taken into this dataset.' }),
    note: Type.Optional(Type.String({ ...NonEmptyText, description: 'What to know before relying on the source.' })),
  },
  { additionalProperties: false, description: 'A source of the dataset.' },
);

export const Licence = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'SPDX identifier.', examples: ['etalab-2.0'] }),
    name: Type.String({ minLength: 1, examples: ['Licence Ouverte / Open Licence version 2.0'] }),
    url: Url,
  },
  { additionalProperties: false, description: 'Licence of the data.' },
);

export const DatasetRecord = Type.Object(
  {
    id: Type.String({ ...Slug, examples: ['petites-villes-de-demain-hautes-pyrenees'] }),
    title: Type.String({ minLength: 1, examples: ['Petites villes de demain dans les Hautes-Pyrénées'] }),
    description: NonEmptyText,
    licence: Licence,
    publisher: Type.Object(
      { name: Type.String({ minLength: 1, examples: ['PVD 65 open-data API project'] }), url: Type.Optional(Url) },
      { additionalProperties: false, description: 'Who publishes this dataset.' },
    ),
    attribution: Type.String({ ...NonEmptyText, description: 'How to credit the dataset and its sources when reusing it.' }),
    modified: Type.String({ ...IsoDate, description: 'Date data/ was last changed by its curators.' }),
    keywords: Type.Array(Type.String({ minLength: 1 }), { description: 'Keywords.', examples: [['petites villes de demain', 'ANCT']] }),
    sources: Type.Array(Source, { minItems: 1, description: 'Every source the records cite by id.' }),
  },
  { additionalProperties: false, description: 'Metadata of the dataset.' },
);

export type DatasetRecordType = Static<typeof DatasetRecord>;

// The files offered for download: the whole dataset, a CSV per collection and their data package, GeoJSON, and the SQLite database.
import type { AnyCollection } from './collection.js';
import { collections } from './index.js';

export interface Download {
  file: string;
  title: string;
  mediaType: string;
  /** What the file holds: the whole dataset, one collection in a format, or the database file. */
  content: { kind: 'dataset' } | { kind: 'datapackage' } | { kind: 'sqlite' } | { kind: 'collection'; collection: AnyCollection; format: 'csv' | 'geojson' };
}

const byName = (name: string) => collections.find((collection) => collection.name === name) as AnyCollection;

export const downloads: Download[] = [
  {
    file: 'pvd65-dataset.json',
    title: 'The whole dataset as one JSON document: metadata, programme, and every record of every collection',
    mediaType: 'application/json',
    content: { kind: 'dataset' },
  },
  ...collections.map((collection): Download => ({
    file: `${collection.name}.csv`,
    title: `Every ${collection.noun.one} as CSV (UTF-8, comma-separated, header row)`,
    mediaType: 'text/csv',
    content: { kind: 'collection', collection, format: 'csv' },
  })),
  {
    file: 'datapackage.json',
    title: 'Frictionless Tabular Data Package of the CSV files: a Table Schema for each (types, code patterns, primary and foreign keys), licence and sources',
    mediaType: 'application/json',
    content: { kind: 'datapackage' },
  },
  {
    file: 'communes.geojson',
    title: 'The laureate communes as GeoJSON points (centre)',
    mediaType: 'application/geo+json',
    content: { kind: 'collection', collection: byName('communes'), format: 'geojson' },
  },
  {
    file: 'intercommunalities.geojson',
    title: "The intercommunalities as GeoJSON multipolygons (the union of their members' 2018 contours)",
    mediaType: 'application/geo+json',
    content: { kind: 'collection', collection: byName('intercommunalities'), format: 'geojson' },
  },
  {
    file: 'pvd65.sqlite',
    title:
      'SQLite database for people: a table per collection with readable columns, link tables, declared keys, views for the common joins, full-text search over names, licence and sources',
    mediaType: 'application/vnd.sqlite3',
    content: { kind: 'sqlite' },
  },
];

export const downloadPath = (file: string) => `/downloads/${file}`;

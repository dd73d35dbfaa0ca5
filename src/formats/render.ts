// Output formats of collections and items: which a resource offers, which a request asks for, and rendering.
import type { FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { csvColumns, csvRow, project } from './fields.js';
import { HttpProblem } from '../plugins/app/problems.js';
import { chooseMediaType, type MediaOffer } from '../plugins/app/negotiation.js';

export const mediaTypes = {
  json: 'application/json',
  csv: 'text/csv',
  geojson: 'application/geo+json',
  ndjson: 'application/x-ndjson',
} as const;

export type Format = keyof typeof mediaTypes;

/** The formats a collection offers: GeoJSON only where its items have a geometry. */
export function formatsOf(collection: Collection): Format[] {
  return collection.geometry ? ['json', 'csv', 'geojson', 'ndjson'] : ['json', 'csv', 'ndjson'];
}

/**
 * The media types a collection offers to Accept (its routes' `config.offer`, which the response cache negotiates with
 * the same function): problem+json and HTML readers still get JSON, the closest this resource has.
 */
export function offerOf(collection: Collection): MediaOffer {
  return { types: formatsOf(collection).map((format) => mediaTypes[format]), fallbacks: ['application/problem+json', 'text/html'] };
}

/** The format of the response: `format=` when given, else the best match of Accept, else JSON; 406 when Accept allows none. */
export function negotiate(collection: Collection, request: FastifyRequest, requested: Format | undefined): Format {
  if (requested) return requested;
  const offered = formatsOf(collection);
  const offer = offerOf(collection);
  const best = chooseMediaType(request.headers.accept, offer);
  if (best === undefined) {
    throw new HttpProblem(
      406,
      `No representation of this resource matches Accept: ${request.headers.accept}. Available: ${offer.types.join(', ')} (or use the format parameter: ${offered.join(', ')}).`,
    );
  }
  return offered.find((format) => mediaTypes[format] === best) ?? 'json';
}

export interface Rendered {
  body: string;
  type: string;
  headers: Record<string, string>;
}

export interface Page {
  collection: Collection;
  /** Items, each as its stored JSON text; `fields` projects them. */
  items: string[];
  fields?: string[];
  csv: { separator: string; bom: boolean };
  meta: { total: number; limit: number; offset: number };
  links: Record<string, string>;
  /** File name without extension for downloads. */
  filename: string;
}

function attachment(filename: string, extension: string) {
  return { 'content-disposition': `attachment; filename="${filename}.${extension}"` };
}

function columnsOf(collection: Collection, fields?: string[]): string[] {
  const columns = csvColumns(collection.schema);
  if (!fields) return columns;
  return columns.filter((column) => fields.some((field) => column === field || column.startsWith(`${field}.`)));
}

export function renderCsv(collection: Collection, items: string[], options: Page['csv'] & { fields?: string[]; filename: string }): Rendered {
  const columns = columnsOf(collection, options.fields);
  const body = stringify(
    items.map((item) => csvRow(JSON.parse(item), columns)),
    { header: true, columns, delimiter: options.separator, bom: options.bom, record_delimiter: 'windows' },
  );
  return { body, type: `${mediaTypes.csv}; charset=utf-8; header=present`, headers: attachment(options.filename, 'csv') };
}

/** The item's JSON text with only `fields`, or as stored when there are none. */
function projected(item: string, fields?: string[]): string {
  return fields ? JSON.stringify(project(JSON.parse(item), fields)) : item;
}

function feature(collection: Collection, item: string, fields?: string[]) {
  const full = JSON.parse(item) as Record<string, unknown>;
  const field = collection.geometry as string;
  const geometry = full[field] ?? null;
  const properties = fields ? project(full, fields) : full;
  if (!fields?.includes(field)) delete properties[field];
  return { type: 'Feature', id: full[collection.id.name], geometry, properties };
}

export function renderList(format: Format, page: Page): Rendered {
  switch (format) {
    case 'json':
      return {
        body: `{"data":[${page.items.map((item) => projected(item, page.fields)).join(',')}],"meta":${JSON.stringify(page.meta)},"links":${JSON.stringify(page.links)}}`,
        type: `${mediaTypes.json}; charset=utf-8`,
        headers: {},
      };
    case 'ndjson':
      return {
        body: page.items.map((item) => `${projected(item, page.fields)}\n`).join(''),
        type: `${mediaTypes.ndjson}; charset=utf-8`,
        headers: attachment(page.filename, 'ndjson'),
      };
    case 'geojson':
      return {
        body: JSON.stringify({ type: 'FeatureCollection', features: page.items.map((item) => feature(page.collection, item, page.fields)) }),
        type: `${mediaTypes.geojson}; charset=utf-8`,
        headers: attachment(page.filename, 'geojson'),
      };
    case 'csv':
      return renderCsv(page.collection, page.items, { ...page.csv, fields: page.fields, filename: page.filename });
  }
}

export function renderItem(format: Format, collection: Collection, item: string, options: Pick<Page, 'csv' | 'fields' | 'filename'>): Rendered {
  switch (format) {
    case 'json':
      return { body: projected(item, options.fields), type: `${mediaTypes.json}; charset=utf-8`, headers: {} };
    case 'ndjson':
      return { body: `${projected(item, options.fields)}\n`, type: `${mediaTypes.ndjson}; charset=utf-8`, headers: {} };
    case 'geojson':
      return { body: JSON.stringify(feature(collection, item, options.fields)), type: `${mediaTypes.geojson}; charset=utf-8`, headers: {} };
    case 'csv':
      return renderCsv(collection, [item], { ...options.csv, fields: options.fields, filename: options.filename });
  }
}

// The publication database: the SQLite file offered at /downloads/pvd65.sqlite, made for people and their tools
// (sqlite3, DB Browser, pandas, R): real tables with readable columns derived from the same flattening as the CSV
// files, declared primary and foreign keys, link tables for lists, views for the common joins, an FTS5 index over
// every name, and the licence and sources in `metadata` and `sources`. The server's own database stays as it is.
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import type { TSchema } from '@sinclair/typebox';
import type { AnyCollection as Collection } from '../resources/collection.js';
import { collections } from '../resources/index.js';
import { Source } from '../schemas/dataset.js';
import type { DatasetType } from '../resources/documents.js';
import { FranceServices } from '../schemas/commune.js';
import { Note } from '../schemas/common.js';
import { flatFields, flatValue, geometryFields, type FlatField } from '../formats/fields.js';

/** The publication file beside the server's database: `var/pvd65.sqlite` → `var/pvd65-publication.sqlite`. */
export function publicationPath(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath).replace(/\.sqlite3?$|\.db$/, '')}-publication.sqlite`);
}

/** A flat field's column name: the dotted camelCase path in snake_case (`population.countedApart` → `population_counted_apart`). */
export function columnName(flatName: string): string {
  return flatName
    .replace(/\./g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const sqlType = (field: FlatField) => (field.type === 'integer' || field.type === 'boolean' ? 'INTEGER' : field.type === 'number' ? 'REAL' : 'TEXT');
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Column {
  name: string;
  definition: string;
  value: (item: unknown) => unknown;
}

/** Columns of the single values of `schema` (lists go to tables of their own; API links are left out). */
function columnsOf(schema: TSchema, options: { key?: string; references?: Collection['references']; prefix?: string } = {}): Column[] {
  const columns: Column[] = flatFields(schema)
    .filter((field) => field.depth === 0 && !field.name.startsWith('links.'))
    .map((field) => {
      const name = columnName(`${options.prefix ?? ''}${field.name}`);
      const reference = options.references?.[field.name];
      const target = reference && collections.find((collection) => collection.name === reference.collection);
      const definition = [
        quote(name),
        sqlType(field),
        field.name === options.key ? 'PRIMARY KEY' : field.required ? 'NOT NULL' : '',
        field.type === 'boolean' ? `CHECK (${quote(name)} IN (0, 1))` : '',
        target ? `REFERENCES ${quote(getTableName(target.table))} (${quote(columnName(reference.field))})` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return {
        name,
        definition,
        value: (item: unknown) => {
          const value = flatValue(field, item);
          return typeof value === 'boolean' ? Number(value) : value;
        },
      };
    });
  // A MultiPolygon is no column of the flat files; here it is kept, as GeoJSON text.
  for (const [key, type] of Object.entries(geometryFields(schema))) {
    if (type !== 'MultiPolygon') continue;
    columns.push({ name: key, definition: `${quote(key)} TEXT`, value: (item) => JSON.stringify((item as Record<string, unknown>)[key] ?? null) });
  }
  return columns;
}

function createTable(sqlite: Database.Database, table: string, columns: Column[], constraints: string[] = []) {
  sqlite.exec(`CREATE TABLE ${quote(table)} (\n  ${[...columns.map((column) => column.definition), ...constraints].join(',\n  ')}\n)`);
  const insert = sqlite.prepare(
    `INSERT INTO ${quote(table)} (${columns.map((column) => quote(column.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return (item: unknown) => insert.run(...columns.map((column) => column.value(item)));
}

function linkTable(sqlite: Database.Database, table: string, columns: [string, string][], rows: unknown[][]) {
  sqlite.exec(
    `CREATE TABLE ${quote(table)} (\n  ${columns.map(([name, definition]) => `${quote(name)} ${definition}`).join(',\n  ')},\n  PRIMARY KEY (${columns
      .slice(0, 2)
      .map(([name]) => quote(name))
      .join(', ')})\n)`,
  );
  const insert = sqlite.prepare(`INSERT INTO ${quote(table)} VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(...row);
}

type Item = Record<string, unknown> & { notes?: { field: string; status: string; text: string; sources?: string[] }[]; sources?: string[] };

const views = `
CREATE VIEW laureates AS
SELECT c.code, c.name, c.population_municipal, c.area_value AS area_ha, c.pvd_signed_on,
       c.intercommunality_siren, i.name AS intercommunality_name, i.legal_form_code AS intercommunality_legal_form,
       i.population_total AS intercommunality_population, i.member_count AS intercommunality_member_count,
       (SELECT count(*) FROM france_services f WHERE f.commune_code = c.code) AS france_services
FROM communes c JOIN intercommunalities i ON i.siren = c.intercommunality_siren;

CREATE VIEW member_communes AS
SELECT m.code, m.name, m.department, m.population_total, m.intercommunality_siren, i.name AS intercommunality_name,
       m.laureate, c.pvd_signed_on
FROM members m JOIN intercommunalities i ON i.siren = m.intercommunality_siren LEFT JOIN communes c ON c.code = m.code;

CREATE VIEW commune_conventions AS
SELECT cc.commune_code, c.name AS commune_name, v.id AS convention_id, v.type, v.title, v.signed_on
FROM convention_communes cc JOIN conventions v ON v.id = cc.convention_id JOIN communes c ON c.code = cc.commune_code;

CREATE VIEW measure_funding_links AS
SELECT m.id AS measure_id, m.name AS measure_name, f.id AS funding_link_id, f.name AS funding_link_name, f.kind, f.url
FROM funding_link_measures fm JOIN measures m ON m.id = fm.measure_id JOIN funding_links f ON f.id = fm.funding_link_id;
`;

export interface PublicationInput {
  dataset: DatasetType;
  build: string;
  /** The represented items of every collection, by collection name. */
  items: Record<string, unknown[]>;
}

/** Writes the publication database at `path` (a new file); throws when a declared foreign key does not hold. */
export function writePublication(path: string, input: PublicationInput) {
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.transaction(() => {
      const { dataset } = input;
      // The dataset's metadata and sources.
      sqlite.exec('CREATE TABLE metadata (\n  key TEXT PRIMARY KEY,\n  value TEXT NOT NULL\n)');
      const meta = sqlite.prepare('INSERT INTO metadata VALUES (?, ?)');
      for (const [key, value] of Object.entries({
        title: dataset.title,
        description: dataset.description,
        licence_id: dataset.licence.id,
        licence_name: dataset.licence.name,
        licence_url: dataset.licence.url,
        attribution: dataset.attribution,
        publisher: dataset.publisher.name,
        modified: dataset.modified,
        version: dataset.version,
        build: input.build,
        keywords: dataset.keywords.join('|'),
      })) {
        meta.run(key, value);
      }
      const insertSource = createTable(sqlite, 'sources', columnsOf(Source, { key: 'id' }));
      for (const source of dataset.sources) insertSource(source);

      // One table per collection: its single values as columns.
      const ids: Record<string, (item: unknown) => string> = {};
      for (const collection of collections) {
        const table = getTableName(collection.table);
        const insert = createTable(sqlite, table, columnsOf(collection.schema, { key: collection.id.name, references: collection.references }));
        for (const item of input.items[collection.name] ?? []) insert(item);
        ids[collection.name] = (item) => String((item as Record<string, unknown>)[collection.id.name]);
      }
      const itemsOf = (name: string) => (input.items[name] ?? []) as Item[];

      // Lists: link tables and tables of their own.
      linkTable(
        sqlite,
        'commune_postal_codes',
        [
          ['commune_code', 'TEXT NOT NULL REFERENCES communes (code)'],
          ['postal_code', 'TEXT NOT NULL'],
        ],
        itemsOf('communes').flatMap((commune) => (commune.postalCodes as string[]).map((code) => [commune.code, code])),
      );
      const insertSite = createTable(sqlite, 'france_services', [
        { name: 'commune_code', definition: 'commune_code TEXT NOT NULL REFERENCES communes (code)', value: (site) => (site as { commune: string }).commune },
        ...columnsOf(FranceServices, { key: 'id' }),
      ]);
      for (const commune of itemsOf('communes')) for (const site of commune.franceServices as object[]) insertSite({ ...site, commune: commune.code });
      linkTable(
        sqlite,
        'intercommunality_departments',
        [
          ['intercommunality_siren', 'TEXT NOT NULL REFERENCES intercommunalities (siren)'],
          ['department', 'TEXT NOT NULL'],
        ],
        itemsOf('intercommunalities').flatMap((epci) => (epci.departments as string[]).map((department) => [epci.siren, department])),
      );
      linkTable(
        sqlite,
        'convention_communes',
        [
          ['convention_id', 'TEXT NOT NULL REFERENCES conventions (id)'],
          ['commune_code', 'TEXT NOT NULL REFERENCES communes (code)'],
        ],
        itemsOf('conventions').flatMap((convention) => (convention.communes as { code: string }[]).map((commune) => [convention.id, commune.code])),
      );
      linkTable(
        sqlite,
        'funding_link_measures',
        [
          ['funding_link_id', 'TEXT NOT NULL REFERENCES funding_links (id)'],
          ['measure_id', 'TEXT NOT NULL REFERENCES measures (id)'],
        ],
        itemsOf('funding-links').flatMap((link) => (link.measures as string[]).map((measure) => [link.id, measure])),
      );

      // Provenance of every record, and what its sources leave uncertain.
      sqlite.exec(
        'CREATE TABLE record_sources (\n  collection TEXT NOT NULL,\n  record_id TEXT NOT NULL,\n  source_id TEXT NOT NULL REFERENCES sources (id),\n  PRIMARY KEY (collection, record_id, source_id)\n)',
      );
      const insertNote = createTable(sqlite, 'notes', [
        { name: 'collection', definition: 'collection TEXT NOT NULL', value: (note) => (note as { collection: string }).collection },
        { name: 'record_id', definition: 'record_id TEXT NOT NULL', value: (note) => (note as { record: string }).record },
        ...columnsOf(Note),
        { name: 'sources', definition: 'sources TEXT', value: (note) => ((note as { sources?: string[] }).sources ?? []).join('|') || null },
      ]);
      const recordSource = sqlite.prepare('INSERT OR IGNORE INTO record_sources VALUES (?, ?, ?)');
      for (const collection of collections) {
        for (const item of itemsOf(collection.name)) {
          const id = ids[collection.name]!(item);
          // Members carry no sources or notes of their own: their intercommunality's apply.
          for (const source of item.sources ?? []) recordSource.run(getTableName(collection.table), id, source);
          for (const note of item.notes ?? []) insertNote({ ...note, collection: getTableName(collection.table), record: id });
        }
      }

      sqlite.exec(views);

      // Full-text search over every name, forgiving case and accents.
      sqlite.exec("CREATE VIRTUAL TABLE name_search USING fts5(kind UNINDEXED, id UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 2')");
      const indexName = sqlite.prepare('INSERT INTO name_search (kind, id, name) VALUES (?, ?, ?)');
      for (const collection of collections) {
        for (const item of itemsOf(collection.name)) indexName.run(collection.noun.one, ids[collection.name]!(item), collection.search(item).name);
      }

      const broken = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (broken.length > 0) {
        throw new Error(
          `Publication database: ${broken.length} foreign keys do not hold, e.g. ${broken[0]?.table} row ${broken[0]?.rowid} → ${broken[0]?.parent}`,
        );
      }
    })();
    sqlite.exec('VACUUM');
  } finally {
    sqlite.close();
  }
}

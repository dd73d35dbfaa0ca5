// Drizzle tables of the built database: one per collection, narrow, with the columns its queries filter and
// sort on, and `records`, the validated JSON representations served as they are. Migrations are generated from this file.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The JSON text of every item of every collection. Apart from the collection tables so that these stay a few
 * dozen bytes a row: a search over 35,000 communes filters and sorts in pages that fit the cache, and reads
 * only the records of the page it returns.
 */
export const records = sqliteTable('records', {
  id: integer('id').primaryKey(),
  record: text('record').notNull(),
});

/** The column of every collection table that points to its item's record. */
const recordId = () => integer('record_id').notNull();

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const communes = sqliteTable(
  'communes',
  {
    code: text('code').primaryKey(),
    nameKey: text('name_key').notNull(),
    intercommunality: text('intercommunality').notNull(),
    arrondissement: text('arrondissement').notNull(),
    department: text('department').notNull(),
    postalCodes: text('postal_codes', { mode: 'json' }).notNull().$type<string[]>(),
    population: integer('population').notNull(),
    area: real('area').notNull(),
    signedOn: text('signed_on').notNull(),
    franceServices: integer('france_services').notNull(),
    recordId: recordId(),
  },
  (table) => [
    index('communes_intercommunality').on(table.intercommunality),
    index('communes_population').on(table.population),
    index('communes_name_key').on(table.nameKey),
  ],
);

export const intercommunalities = sqliteTable('intercommunalities', {
  siren: text('siren').primaryKey(),
  nameKey: text('name_key').notNull(),
  legalForm: text('legal_form').notNull(),
  taxRegime: text('tax_regime').notNull(),
  departments: text('departments', { mode: 'json' }).notNull().$type<string[]>(),
  population: integer('population').notNull(),
  memberCount: integer('member_count').notNull(),
  recordId: recordId(),
});

export const members = sqliteTable(
  'members',
  {
    intercommunality: text('intercommunality').notNull(),
    code: text('code').notNull(),
    nameKey: text('name_key').notNull(),
    department: text('department').notNull(),
    population: integer('population').notNull(),
    laureate: integer('laureate', { mode: 'boolean' }).notNull(),
    recordId: recordId(),
  },
  (table) => [primaryKey({ columns: [table.intercommunality, table.code] })],
);

export const conventions = sqliteTable(
  'conventions',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    intercommunality: text('intercommunality').notNull(),
    communes: text('communes', { mode: 'json' }).notNull().$type<string[]>(),
    signedOn: text('signed_on').notNull(),
    recordId: recordId(),
  },
  (table) => [index('conventions_intercommunality').on(table.intercommunality)],
);

export const measures = sqliteTable('measures', {
  id: text('id').primaryKey(),
  nameKey: text('name_key').notNull(),
  category: text('category').notNull(),
  recordId: recordId(),
});

export const fundingLinks = sqliteTable('funding_links', {
  id: text('id').primaryKey(),
  nameKey: text('name_key').notNull(),
  provider: text('provider').notNull(),
  kind: text('kind').notNull(),
  measures: text('measures', { mode: 'json' }).notNull().$type<string[]>(),
  recordId: recordId(),
});

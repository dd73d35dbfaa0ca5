// Drizzle tables of the built database: one per collection, with the columns its queries filter and sort on,
// and `record`, the validated JSON representation served as it is. Migrations are generated from this file.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    record: text('record').notNull(),
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
  record: text('record').notNull(),
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
    record: text('record').notNull(),
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
    record: text('record').notNull(),
  },
  (table) => [index('conventions_intercommunality').on(table.intercommunality)],
);

export const measures = sqliteTable('measures', {
  id: text('id').primaryKey(),
  nameKey: text('name_key').notNull(),
  category: text('category').notNull(),
  record: text('record').notNull(),
});

export const fundingLinks = sqliteTable('funding_links', {
  id: text('id').primaryKey(),
  nameKey: text('name_key').notNull(),
  provider: text('provider').notNull(),
  kind: text('kind').notNull(),
  measures: text('measures', { mode: 'json' }).notNull().$type<string[]>(),
  record: text('record').notNull(),
});

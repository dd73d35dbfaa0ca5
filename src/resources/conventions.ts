// The conventions signed under the programme: /v1/conventions.
import { Convention, ConventionType } from '../schemas/convention.js';
import { InseeCode, IsoDate, Siren, Slug } from '../schemas/common.js';
import { conventions as table } from '../db/tables.js';
import { defineCollection } from './collection.js';
import { api } from './links.js';

export const conventions = defineCollection({
  name: 'conventions',
  noun: { one: 'convention', many: 'conventions' },
  tag: 'Conventions',
  schema: Convention,
  table,
  id: { name: 'id', column: table.id, schema: { ...Slug, examples: ['ort-246500482'] } },
  topLevel: true,
  filters: {
    type: { column: table.type, op: 'in', value: ConventionType, description: 'Type of convention.' },
    commune: {
      column: table.communes,
      op: 'contains',
      value: InseeCode,
      description: 'INSEE code of a commune the convention covers.',
    },
    intercommunality: {
      column: table.intercommunality,
      op: 'in',
      value: Siren,
      description: 'SIREN of the intercommunality.',
    },
    signedFrom: { column: table.signedOn, op: 'gte', value: { ...IsoDate, examples: ['2022-01-01'] }, description: 'Earliest signing date.' },
    signedTo: { column: table.signedOn, op: 'lte', value: { ...IsoDate, examples: ['2023-12-31'] }, description: 'Latest signing date.' },
  },
  sort: { id: table.id, type: table.type, signedOn: table.signedOn, intercommunality: table.intercommunality },
  defaultSort: ['id'],
  search: (convention) => ({
    name: convention.title,
    // Not `content`: one text per type of convention, so it would match every convention of a type (the `type` filter does that).
    text: [convention.intercommunality.name, ...convention.communes.map((commune) => commune.name)],
  }),
  references: { 'intercommunality.siren': { collection: 'intercommunalities', field: 'siren' } },
  represent: (data) =>
    data.conventions.map((convention) => ({
      ...convention,
      links: {
        self: api.convention(convention.id),
        intercommunality: api.intercommunality(convention.intercommunality.siren),
        communes: api.communes(convention.communes.map((commune) => commune.code)),
      },
    })),
  row: (convention) => ({
    id: convention.id,
    type: convention.type,
    intercommunality: convention.intercommunality.siren,
    communes: convention.communes.map((commune) => commune.code),
    signedOn: convention.signedOn,
  }),
});

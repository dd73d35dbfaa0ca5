// The programme's key measures: /v1/measures.
import { Slug } from '../schemas/common.js';
import { Measure, MeasureCategory } from '../schemas/measure.js';
import { measures as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { defineCollection } from './collection.js';
import { api } from './links.js';

export const measures = defineCollection({
  name: 'measures',
  noun: { one: 'measure', many: 'measures' },
  tag: 'Measures',
  schema: Measure,
  table,
  id: { name: 'id', column: table.id, schema: { ...Slug, examples: ['project-manager-post'] } },
  topLevel: true,
  filters: {
    id: { column: table.id, op: 'in', value: { ...Slug, examples: ['project-manager-post'] }, description: 'Id.' },
    category: { column: table.category, op: 'in', value: MeasureCategory, description: 'Category.' },
  },
  sort: { id: table.id, name: table.nameKey, category: table.category },
  defaultSort: ['id'],
  search: (measure) => ({ name: measure.name, text: [measure.description.text, measure.quote] }),
  represent: (data) =>
    data.measures.map((measure) => ({
      ...measure,
      links: { self: api.measure(measure.id), fundingLinks: `/v1/funding-links?measure=${measure.id}` },
    })),
  row: (measure) => ({ id: measure.id, nameKey: fold(measure.name), category: measure.category }),
});

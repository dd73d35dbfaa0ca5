// Links to funding and to the programme's resources: /v1/funding-links.
import { Slug } from '../schemas/common.js';
import { FundingLink, FundingLinkKind } from '../schemas/funding-link.js';
import { fundingLinks as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { defineCollection } from './collection.js';
import { api } from './links.js';

export const fundingLinks = defineCollection({
  name: 'funding-links',
  noun: { one: 'funding link', many: 'funding links' },
  tag: 'Funding links',
  schema: FundingLink,
  table,
  id: { name: 'id', column: table.id, schema: { ...Slug, examples: ['aides-territoires'] } },
  topLevel: true,
  filters: {
    provider: {
      column: table.provider,
      op: 'in',
      value: { ...Slug, examples: ['aides-territoires'] },
      description: 'Provider id.',
    },
    kind: { column: table.kind, op: 'in', value: FundingLinkKind, description: 'Kind of resource.' },
    measure: {
      column: table.measures,
      op: 'contains',
      value: { ...Slug, examples: ['brownfield-reconversion'] },
      description: 'Id of a measure the resource helps with.',
    },
  },
  sort: { id: table.id, name: table.nameKey, provider: table.provider, kind: table.kind },
  defaultSort: ['id'],
  search: (link) => ({ name: link.name, text: [link.provider.name, link.description.text] }),
  represent: (data) =>
    data.fundingLinks.map((link) => ({
      ...link,
      links: {
        self: api.fundingLink(link.id),
        ...(link.measures.length > 0 ? { measures: `/v1/measures?id=${link.measures.join(',')}` } : {}),
        url: link.url,
      },
    })),
  row: (link) => ({ id: link.id, nameKey: fold(link.name), provider: link.provider.id, kind: link.kind, measures: link.measures }),
});

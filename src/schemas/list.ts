// Shapes shared by every list: the JSON envelope and paging links; and /health.
import { Type, type TObject } from '@sinclair/typebox';

export const ListMeta = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Number of items matching the query, over all pages.', examples: [14] }),
    limit: Type.Integer({ minimum: 1, description: 'Items per page.', examples: [50] }),
    offset: Type.Integer({ minimum: 0, description: 'Items skipped before this page.', examples: [0] }),
  },
  { $id: 'ListMeta', additionalProperties: false, description: 'Counts of a list.', examples: [{ total: 14, limit: 5, offset: 5 }] },
);

const PageLink = (description: string) => Type.String({ description, examples: ['/v1/communes?limit=50&offset=0'] });

export const ListLinks = Type.Object(
  {
    self: PageLink('This page.'),
    first: PageLink('The first page.'),
    prev: Type.Optional(PageLink('The previous page; absent on the first page.')),
    next: Type.Optional(PageLink('The next page; absent on the last page.')),
    last: PageLink('The last page.'),
  },
  {
    $id: 'ListLinks',
    additionalProperties: false,
    description: 'Paging links, root-relative; also sent in the Link header.',
    examples: [
      {
        self: '/v1/communes?limit=5&offset=5',
        first: '/v1/communes?limit=5&offset=0',
        prev: '/v1/communes?limit=5&offset=0',
        next: '/v1/communes?limit=5&offset=10',
        last: '/v1/communes?limit=5&offset=10',
      },
    ],
  },
);

/** An item as the API may send it: whole, or with only the fields asked for (`${$id}Fields`). */
export function ItemOrFields(item: TObject & { $id?: string }) {
  return Type.Union([Type.Ref(item.$id as string), Type.Ref(`${item.$id}Fields`)], {
    description: `A ${item.$id}: whole, or with \`fields\` only the fields asked for.`,
  });
}

/** The JSON list envelope of a collection whose item schema is `item`. */
export function ListOf(item: TObject & { $id?: string }) {
  return Type.Object(
    { data: Type.Array(ItemOrFields(item)), meta: Type.Ref(ListMeta.$id as string), links: Type.Ref(ListLinks.$id as string) },
    { $id: `${item.$id}List`, additionalProperties: false, description: `A page of ${item.$id} items.` },
  );
}

export const Health = Type.Object(
  {
    status: Type.Literal('ok'),
    version: Type.String({ description: 'Dataset version served.', examples: ['03a62af7caaaf1ed'] }),
  },
  {
    $id: 'Health',
    additionalProperties: false,
    description: 'The service is up and its database open.',
    examples: [{ status: 'ok', version: '03a62af7caaaf1ed' }],
  },
);

// A resource to find or ask for funding: platform, portal, search query, dataset or guide.
import { Type, type Static } from '@sinclair/typebox';
import { Links, Notes, OneOf, Slug, SourceIds, Url, Representation, WordedText } from './common.js';

export const FundingLinkKind = OneOf(['platform', 'search', 'portal', 'page', 'dataset', 'guide'] as const, {
  description:
    "`platform`: a funding platform; `search`: a query on a platform listing the programme's aids; `portal`: the programme's portal; " +
    "`page`: an information page; `dataset`: open data; `guide`: a document on method or on the programme's offer.",
});

export const FundingLinkRecord = Type.Object(
  {
    id: Type.String({ ...Slug, examples: ['aides-territoires-pvd'] }),
    name: Type.String({ minLength: 1, description: 'Name of the resource.', examples: ['Aides-territoires'] }),
    provider: Type.Object(
      {
        id: Type.String({ ...Slug, examples: ['aides-territoires'] }),
        name: Type.String({ minLength: 1, description: 'Who runs the resource.', examples: ['Aides-territoires'] }),
      },
      { additionalProperties: false, description: 'Who provides the resource.' },
    ),
    kind: FundingLinkKind,
    url: Url,
    description: WordedText(
      "What a user finds there, with whether the text quotes the source or is the dataset's own wording.",
      'Les aides financières sont disponibles sur la plateforme Aides-territoires.',
    ),
    measures: Type.Array(Slug, {
      uniqueItems: true,
      description: "Ids of the measures this resource helps with (`/v1/measures`): the dataset's reading, which no source states (see `notes`).",
    }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: "A link to funding or to the programme's resources." },
);

export const FundingLinkLinks = Links(['self', 'url'] as const, ['measures'] as const);

export const FundingLink = Representation(FundingLinkRecord, { links: FundingLinkLinks }, { $id: 'FundingLink' });

export type FundingLinkRecordType = Static<typeof FundingLinkRecord>;

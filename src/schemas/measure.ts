// A key measure of the programme, as the prefecture page names it.
import { Type, type Static } from '@sinclair/typebox';
import { Links, NonEmptyText, Notes, OneOf, Slug, SourceIds, Representation } from './common.js';

export const MeasureCategory = OneOf(['engineering', 'public-services', 'financing'] as const, {
  description: '`engineering`: staff and expertise for the towns; `public-services`: services to residents; `financing`: money for operations.',
});

export const MeasureRecord = Type.Object(
  {
    id: Type.String({ ...Slug, examples: ['project-manager-post'] }),
    name: Type.String({
      minLength: 1,
      description: 'Name of the measure, in French as the source words it.',
      examples: ['Co-financement du poste de chef de projet'],
    }),
    category: MeasureCategory,
    description: Type.String({ ...NonEmptyText, description: 'What the measure is, written for this dataset from its sources.' }),
    quote: Type.String({ ...NonEmptyText, description: 'The words of the source that name the measure.' }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'A key measure of the programme.' },
);

export const MeasureLinks = Links(['self', 'fundingLinks'] as const);

export const Measure = Representation(MeasureRecord, { links: MeasureLinks }, { $id: 'Measure' });

export type MeasureRecordType = Static<typeof MeasureRecord>;

// A key measure of the programme, as the prefecture page lists it under « Les mesures-clés du programme ».
import { Type, type Static } from '@sinclair/typebox';
import { Links, NonEmptyText, Notes, OneOf, Slug, SourceIds, Representation, WordedText } from './common.js';

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
    description: WordedText(
      "What the measure is, with whether the text quotes the source or is the dataset's own wording.",
      'The programme co-finances the post of project manager (« chef de projet »).',
    ),
    quote: Type.String({
      ...NonEmptyText,
      description: 'The exact words of the source that name the measure; `[…]` marks a cut, square brackets an editorial insertion.',
    }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'A key measure of the programme, as the prefecture page lists it under « Les mesures-clés du programme ».' },
);

export const MeasureLinks = Links(['self', 'fundingLinks'] as const);

export const Measure = Representation(MeasureRecord, { links: MeasureLinks }, { $id: 'Measure' });

export type MeasureRecordType = Static<typeof MeasureRecord>;

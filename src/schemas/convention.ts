// A convention signed under the programme: a town's convention d'adhésion or an intercommunality's ORT.
import { Type, type Static } from '@sinclair/typebox';
import { CommuneRef, IntercommunalityRef, IsoDate, Links, NonEmptyText, Notes, OneOf, Slug, SourceIds, Representation } from './common.js';

export const ConventionType = OneOf(['adhesion', 'ort'] as const, {
  description: "`adhesion`: convention d'adhésion of a laureate town; `ort`: convention d'opération de revitalisation de territoire.",
});

export const ConventionRecord = Type.Object(
  {
    id: Type.String({ ...Slug, description: 'Stable id: the type, then the INSEE code (adhésion) or the SIREN (ORT).', examples: ['ort-246500482'] }),
    type: ConventionType,
    title: Type.String({ minLength: 1, description: 'Title written for this dataset.', examples: ['Convention ORT — CC de la Haute-Bigorre'] }),
    intercommunality: IntercommunalityRef,
    communes: Type.Array(CommuneRef, { minItems: 1, description: 'Laureate towns the convention covers.' }),
    signedOn: Type.String({ ...IsoDate, description: 'Signing date.', examples: ['2023-01-23'] }),
    content: Type.String({
      ...NonEmptyText,
      description: 'What such a convention contains: the exact words of the prefecture page on that type of convention.',
    }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'A convention signed under the programme.' },
);

export const ConventionLinks = Links(['self', 'intercommunality', 'communes'] as const);

export const Convention = Representation(ConventionRecord, { links: ConventionLinks }, { $id: 'Convention' });

export type ConventionRecordType = Static<typeof ConventionRecord>;

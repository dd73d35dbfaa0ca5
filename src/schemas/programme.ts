// The programme itself: national facts, the département's, strategy themes and a dated timeline (data/programme.json).
import { Type, type Static } from '@sinclair/typebox';
import { DepartmentCode, IsoDate, NonEmptyText, Notes, Slug, SourceIds, Url, WordedText, Year } from './common.js';

const PartialDate = Type.String({
  pattern: '^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$',
  description: 'Date to the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.',
  examples: ['2021'],
});

export const Claim = Type.Object(
  {
    value: Type.Number({ description: 'The figure.', examples: [1646] }),
    text: Type.String({
      ...NonEmptyText,
      description: "How the source states it: its exact words between « and », otherwise the dataset's own summary of it.",
    }),
    asOf: Type.Optional(PartialDate),
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'A figure as one source states it; several claims on one fact show where sources disagree.' },
);

const Claims = (description: string) => Type.Array(Claim, { minItems: 1, description });

export const ProgrammeRecord = Type.Object(
  {
    name: Type.String({ minLength: 1, examples: ['Petites villes de demain'] }),
    description: WordedText('What the programme is.', 'A territorial cohesion programme run by the ANCT.'),
    national: Type.Object(
      {
        operator: Type.Object(
          { name: Type.String({ minLength: 1, examples: ['Agence nationale de la cohésion des territoires (ANCT)'] }), url: Url },
          { additionalProperties: false, description: 'Who runs the programme.' },
        ),
        period: Type.Object({ start: Year, end: Year }, { additionalProperties: false, description: 'Years the programme runs.' }),
        launchedOn: Type.String({ ...IsoDate, description: 'National launch.' }),
        target: WordedText('Which towns the programme is for.', 'Towns (communes) with centrality functions and signs of fragility.'),
        populationThreshold: Claims('Upper population bound of the towns targeted, as each source states it.'),
        laureateCount: Claims('Number of laureate towns nationally, as each source states it, with its date.'),
      },
      { additionalProperties: false, description: 'The programme nationally.' },
    ),
    department: Type.Object(
      {
        code: DepartmentCode,
        name: Type.String({ minLength: 1, examples: ['Hautes-Pyrénées'] }),
        laureateCount: Type.Integer({ minimum: 0, examples: [14] }),
        intercommunalityCount: Type.Integer({ minimum: 0, examples: [8] }),
        ortConventionCount: Type.Integer({ minimum: 0, examples: [8] }),
        ortSignedOn: Type.String({ ...IsoDate, description: 'Date the ORT conventions of the département were signed.' }),
        launchMeeting: Type.Object(
          {
            date: IsoDate,
            chairedBy: Type.String({ minLength: 1, examples: ['le préfet des Hautes-Pyrénées'] }),
            invited: Type.Array(Type.String({ minLength: 1 }), { description: 'Who was invited, as the source lists them.' }),
          },
          { additionalProperties: false, description: 'The programme launch meeting in the département.' },
        ),
        stateSupport: WordedText(
          "The State's local service offer (« L’offre de service locale des services de l’État »): a heading of its own on the prefecture page, apart from the key measures.",
          'Ce programme est une démarche « sur mesure »',
        ),
      },
      { additionalProperties: false, description: 'The programme in the département.' },
    ),
    strategyThemes: Type.Array(Type.Object({ id: Slug, name: Type.String({ minLength: 1, examples: ['Habitat'] }) }, { additionalProperties: false }), {
      minItems: 1,
      description: 'Themes the revitalisation strategy is declined on (ORT).',
    }),
    timeline: Type.Array(Type.Object({ date: PartialDate, event: NonEmptyText, sources: SourceIds }, { additionalProperties: false }), {
      minItems: 1,
      description: 'Dated events, oldest first.',
    }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'The Petites villes de demain programme, nationally and in the Hautes-Pyrénées.' },
);

export type ProgrammeRecordType = Static<typeof ProgrammeRecord>;

// An intercommunality (EPCI) of the laureate towns, and its member communes.
import { Type, type Static } from '@sinclair/typebox';
import {
  builtLink,
  CommuneRef,
  DepartmentCode,
  InseeCode,
  IntercommunalityRef,
  Links,
  MultiPolygon,
  Notes,
  OneOf,
  Siren,
  SourceIds,
  Representation,
  populationLabels,
} from './common.js';
import { CommuneContour } from './contour.js';

export const EpciPopulation = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Population totale.', examples: [16995] }),
    municipal: Type.Integer({ minimum: 0, description: 'Population municipale.', examples: [16510] }),
    ...populationLabels(2022, '2025-01-01'),
  },
  {
    additionalProperties: false,
    description:
      'INSEE legal population as the DGCL intercommunality file gives it (its columns `ptot_2025`, `pmun_2025`: the populations in force in 2025), ' +
      'with its reference year and the date it is in force from.',
  },
);

export const MemberRecord = Type.Object(
  {
    code: InseeCode,
    name: Type.String({ minLength: 1, description: 'Name in the DGCL file.', examples: ['Campan'] }),
    siren: Type.String({ ...Siren, description: 'SIREN of the member commune.', examples: ['216501239'] }),
    department: DepartmentCode,
    population: EpciPopulation,
  },
  { additionalProperties: false, description: 'A member commune of an intercommunality (DGCL 2026).' },
);

export const MemberLinks = Links(['intercommunality', 'geoApiGouv'] as const, ['commune'] as const, {
  geoApiGouv: builtLink('The commune on geo.api.gouv.fr.', 'https://geo.api.gouv.fr/communes/{code}'),
});

export const Member = Representation(
  MemberRecord,
  {
    intercommunality: IntercommunalityRef,
    laureate: Type.Boolean({ description: 'Whether the member is a laureate town of the programme.', examples: [false] }),
    contour: CommuneContour,
    notes: { ...Notes, description: 'Uncertainties of this member: those of its contour (data/contours.json).' },
    sources: { ...SourceIds, description: 'Ids of the sources of this member: the DGCL file and the contour extract.' },
    links: MemberLinks,
  },
  { $id: 'Member' },
);

export const IntercommunalityRecord = Type.Object(
  {
    siren: Siren,
    name: Type.String({ minLength: 1, description: 'Official name (DGCL 2026).', examples: ['CC de la Haute-Bigorre'] }),
    legalForm: Type.Object(
      {
        code: OneOf(['CC', 'CA', 'CU', 'METRO'] as const, { description: 'Legal form code (DGCL `nature_juridique`).' }),
        label: Type.String({ minLength: 1, description: 'Legal form.', examples: ['Communauté de communes'] }),
      },
      { additionalProperties: false, description: 'Legal form of the EPCI.' },
    ),
    taxRegime: Type.Object(
      {
        code: OneOf(['FPU', 'FA'] as const, { description: 'Tax regime code (DGCL `mode_financ`).' }),
        label: Type.String({ minLength: 1, description: 'Tax regime.', examples: ['Fiscalité professionnelle unique'] }),
      },
      { additionalProperties: false, description: 'Tax regime of the EPCI.' },
    ),
    seat: Type.Union([CommuneRef, Type.Null()], { description: 'Seat (siège) of the EPCI; null when no source gives it.' }),
    memberCount: Type.Integer({ minimum: 1, description: 'Number of member communes (DGCL).', examples: [25] }),
    population: EpciPopulation,
    departments: Type.Array(DepartmentCode, {
      minItems: 1,
      uniqueItems: true,
      description: 'Départements its member communes are in.',
      examples: [['64', '65']],
    }),
    members: Type.Array(MemberRecord, { minItems: 1, description: 'Every member commune.' }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'An intercommunality (EPCI à fiscalité propre) with laureate towns.' },
);

export const IntercommunalityLinks = Links(
  ['self', 'page', 'communes', 'members', 'conventions', 'geoApiGouv', 'annuaireEntreprises'] as const,
  ['seat'] as const,
  {
    seat: builtLink('The seat commune on geo.api.gouv.fr.', 'https://geo.api.gouv.fr/communes/{code}'),
    geoApiGouv: builtLink('The intercommunality on geo.api.gouv.fr.', 'https://geo.api.gouv.fr/epcis/{siren}'),
    annuaireEntreprises: builtLink('The intercommunality in the Annuaire des entreprises.', 'https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}'),
  },
);

export const Intercommunality = Representation(
  IntercommunalityRecord,
  {
    laureates: Type.Array(CommuneRef, { minItems: 1, description: 'Its laureate towns (derived from the communes).' }),
    contour: {
      ...MultiPolygon,
      description:
        "Contour of the intercommunality: the union of its members' contours (COG 2018 boundaries, see `/members`), computed when the database is built; " +
        'exterior rings counter-clockwise and holes clockwise (RFC 7946). No source publishes it as such (see `notes`).',
    },
    links: IntercommunalityLinks,
  },
  { $id: 'Intercommunality' },
);

export type IntercommunalityRecordType = Static<typeof IntercommunalityRecord>;
export type MemberRecordType = Static<typeof MemberRecord>;

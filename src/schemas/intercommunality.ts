// An intercommunality (EPCI) of the laureate towns, and its member communes.
import { Type, type Static } from '@sinclair/typebox';
import {
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
  Year,
} from './common.js';

export const EpciPopulation = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Population totale.', examples: [16995] }),
    municipal: Type.Integer({ minimum: 0, description: 'Population municipale.', examples: [16510] }),
    year: Type.Integer({ ...Year, description: 'Vintage of the figures, as labelled in the DGCL file.', examples: [2025] }),
  },
  { additionalProperties: false, description: 'Population as given by the DGCL intercommunality file, with its vintage.' },
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

export const MemberLinks = Links(['intercommunality', 'geoApiGouv'] as const, ['commune'] as const);

export const Member = Representation(
  MemberRecord,
  {
    intercommunality: IntercommunalityRef,
    laureate: Type.Boolean({ description: 'Whether the member is a laureate town of the programme.', examples: [false] }),
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
    contour: MultiPolygon,
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'An intercommunality (EPCI à fiscalité propre) with laureate towns.' },
);

export const IntercommunalityLinks = Links(
  ['self', 'page', 'communes', 'members', 'conventions', 'geoApiGouv', 'annuaireEntreprises'] as const,
  ['seat'] as const,
);

export const Intercommunality = Representation(
  IntercommunalityRecord,
  {
    laureates: Type.Array(CommuneRef, { minItems: 1, description: 'Its laureate towns (derived from the communes).' }),
    links: IntercommunalityLinks,
  },
  { $id: 'Intercommunality' },
);

export type IntercommunalityRecordType = Static<typeof IntercommunalityRecord>;
export type MemberRecordType = Static<typeof MemberRecord>;

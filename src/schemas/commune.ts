// A laureate commune: the curated record in data/communes.json and its API representation.
import { Type, type Static } from '@sinclair/typebox';
import {
  ArrondissementCode,
  builtLink,
  CantonCode,
  DepartmentCode,
  InseeCode,
  IntercommunalityRef,
  IsoDate,
  Links,
  Notes,
  Point,
  Siren,
  SourceIds,
  Representation,
  populationLabels,
} from './common.js';
import { CommuneContour } from './contour.js';

const Count = (description: string, example: number) => Type.Integer({ minimum: 0, description, examples: [example] });

export const LegalPopulation = Type.Object(
  {
    municipal: Count('Population municipale.', 7114),
    countedApart: Count('Population comptée à part.', 261),
    total: Count('Population totale (municipale + comptée à part).', 7375),
    ...populationLabels(2023, '2026-01-01'),
  },
  {
    additionalProperties: false,
    description: 'INSEE legal population of the commune (populations légales), with its reference year and the date it is in force from.',
  },
);

export const FranceServices = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]+$', description: 'Id of the France Services in the ANCT list.', examples: ['392'] }),
    name: Type.String({ minLength: 1, description: 'Name in the ANCT list.', examples: ['France services Haute-Bigorre'] }),
    address: Type.Object(
      {
        street: Type.String({ minLength: 1, description: 'Street address.', examples: ['30 Avenue Géruzet'] }),
        complement: Type.Optional(Type.String({ minLength: 1, description: 'Address complement.', examples: ['Galerie Commerciale'] })),
        postalCode: Type.String({ pattern: '^[0-9]{5}$', description: 'Postal code.', examples: ['65200'] }),
        city: Type.String({ minLength: 1, description: 'Town, as written in the address.', examples: ['Bagnères-de-Bigorre'] }),
      },
      { additionalProperties: false, description: 'Postal address.' },
    ),
    location: Point,
    labelledOn: Type.Optional(Type.String({ ...IsoDate, description: 'Date of the France Services label.', examples: ['2020-01-01'] })),
  },
  { additionalProperties: false, description: 'A France Services site located in the commune (ANCT list of 2024-08-01).' },
);

export const CommuneRecord = Type.Object(
  {
    code: InseeCode,
    siren: Type.String({ ...Siren, description: 'SIREN of the commune as a local authority.', examples: ['216500595'] }),
    name: Type.String({ minLength: 1, description: 'Official name (COG 2026).', examples: ['Bagnères-de-Bigorre'] }),
    department: Type.Object(
      { code: DepartmentCode, name: Type.String({ minLength: 1, description: 'Département name.', examples: ['Hautes-Pyrénées'] }) },
      { additionalProperties: false, description: 'Département (COG).' },
    ),
    region: Type.Object(
      {
        code: Type.String({ pattern: '^[0-9]{2}$', description: 'Région code (COG).', examples: ['76'] }),
        name: Type.String({ minLength: 1, description: 'Région name.', examples: ['Occitanie'] }),
      },
      { additionalProperties: false, description: 'Région (COG).' },
    ),
    arrondissement: Type.Object(
      {
        code: ArrondissementCode,
        name: Type.String({ minLength: 1, description: 'Arrondissement name.', examples: ['Bagnères-de-Bigorre'] }),
      },
      { additionalProperties: false, description: 'Arrondissement (COG 2026).' },
    ),
    cantonCode: CantonCode,
    postalCodes: Type.Array(Type.String({ pattern: '^[0-9]{5}$', examples: ['65200'] }), {
      minItems: 1,
      uniqueItems: true,
      description: 'Postal codes of the commune (La Poste).',
      examples: [['65200', '65710']],
    }),
    population: LegalPopulation,
    area: Type.Object(
      {
        value: Type.Number({ exclusiveMinimum: 0, description: 'Area.', examples: [12587] }),
        unit: Type.Literal('ha', { description: 'Unit of `value`: hectares.' }),
      },
      { additionalProperties: false, description: 'Area of the commune, with its unit.' },
    ),
    centre: { ...Point, description: 'Centre of the commune (GeoJSON Point), 3 decimals, from a third-party copy of a data.gouv.fr file: provisional.' },
    townHall: {
      ...Point,
      description: 'Town hall (mairie) of the commune (GeoJSON Point), 3 decimals, from the same third-party copy as `centre`: provisional.',
    },
    intercommunality: IntercommunalityRef,
    pvd: Type.Object(
      { signedOn: Type.String({ ...IsoDate, description: 'Signing date in the ANCT programme file (`date_signature`).', examples: ['2021-06-24'] }) },
      { additionalProperties: false, description: 'The commune in the Petites villes de demain programme.' },
    ),
    franceServices: Type.Array(FranceServices, { description: 'France Services sites located in the commune; empty when there is none.' }),
    notes: Notes,
    sources: SourceIds,
  },
  { additionalProperties: false, description: 'A laureate commune of the Petites villes de demain programme in the Hautes-Pyrénées.' },
);

export const CommuneLinks = Links(['self', 'page', 'conventions', 'intercommunality', 'geoApiGouv', 'annuaireEntreprises'] as const, [], {
  geoApiGouv: builtLink('The commune on geo.api.gouv.fr.', 'https://geo.api.gouv.fr/communes/{code}'),
  annuaireEntreprises: builtLink(
    'The commune as a local authority in the Annuaire des entreprises.',
    'https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}',
  ),
});

export const Commune = Representation(CommuneRecord, { contour: CommuneContour, links: CommuneLinks }, { $id: 'Commune' });

export type CommuneRecordType = Static<typeof CommuneRecord>;
export type CommuneType = Static<typeof Commune>;

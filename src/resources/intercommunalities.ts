// The intercommunalities of the laureate towns: /v1/intercommunalities.
import { Type } from '@sinclair/typebox';
import { DepartmentCode, Siren } from '../schemas/common.js';
import { Intercommunality, IntercommunalityRecord } from '../schemas/intercommunality.js';
import { intercommunalities as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { defineCollection } from './collection.js';
import { communes } from './communes.js';
import { conventions } from './conventions.js';
import { api, pages, registries } from './links.js';
import { members } from './members.js';

const { legalForm, taxRegime } = IntercommunalityRecord.properties;

export const intercommunalities = defineCollection({
  name: 'intercommunalities',
  noun: { one: 'intercommunality', many: 'intercommunalities' },
  tag: 'Intercommunalities',
  schema: Intercommunality,
  table,
  id: { name: 'siren', column: table.siren, schema: Siren },
  topLevel: true,
  filters: {
    siren: { column: table.siren, op: 'in', value: Siren, description: 'SIREN; a comma-separated list means any of them.' },
    legalForm: {
      column: table.legalForm,
      op: 'in',
      value: legalForm.properties.code,
      description: 'Legal form code; a comma-separated list means any of them.',
    },
    taxRegime: {
      column: table.taxRegime,
      op: 'in',
      value: taxRegime.properties.code,
      description: 'Tax regime code; a comma-separated list means any of them.',
    },
    department: {
      column: table.departments,
      op: 'contains',
      value: DepartmentCode,
      description: 'Département one of its members is in; a comma-separated list means any of them.',
    },
    populationMin: {
      column: table.population,
      op: 'gte',
      value: Type.Integer({ minimum: 0, examples: [10000] }),
      description: 'Smallest total population (DGCL), inclusive.',
    },
    populationMax: {
      column: table.population,
      op: 'lte',
      value: Type.Integer({ minimum: 0, examples: [20000] }),
      description: 'Largest total population (DGCL), inclusive.',
    },
  },
  sort: { siren: table.siren, name: table.nameKey, population: table.population, memberCount: table.memberCount },
  defaultSort: ['siren'],
  search: (epci) => ({
    name: epci.name,
    text: [epci.seat?.name ?? '', ...epci.laureates.map((commune) => commune.name), epci.legalForm.label],
  }),
  geometry: 'contour',
  related: {
    communes: { collection: () => communes, filter: 'intercommunality', description: 'Its laureate towns.' },
    members: { collection: () => members, filter: 'intercommunality', description: 'All its member communes.' },
    conventions: { collection: () => conventions, filter: 'intercommunality', description: "Its conventions: its towns' conventions d'adhésion and its ORT." },
  },
  represent: (data) =>
    data.intercommunalities.map((epci) => ({
      ...epci,
      laureates: data.communes
        .filter((commune) => commune.intercommunality.siren === epci.siren)
        .map((commune) => ({ code: commune.code, name: commune.name })),
      links: {
        self: api.intercommunality(epci.siren),
        page: pages.intercommunality(epci.siren),
        communes: `${api.intercommunality(epci.siren)}/communes`,
        members: `${api.intercommunality(epci.siren)}/members`,
        conventions: `${api.intercommunality(epci.siren)}/conventions`,
        ...(epci.seat ? { seat: registries.geoCommune(epci.seat.code) } : {}),
        geoApiGouv: registries.geoEpci(epci.siren),
        annuaireEntreprises: registries.annuaireEntreprises(epci.siren),
      },
    })),
  row: (epci) => ({
    siren: epci.siren,
    nameKey: fold(epci.name),
    legalForm: epci.legalForm.code,
    taxRegime: epci.taxRegime.code,
    departments: epci.departments,
    population: epci.population.total,
    memberCount: epci.memberCount,
  }),
});

// The intercommunalities of the laureate towns: /v1/intercommunalities.
import { Type } from '@sinclair/typebox';
import { DepartmentCode, Siren } from '../schemas/common.js';
import { Intercommunality, IntercommunalityRecord } from '../schemas/intercommunality.js';
import { intercommunalities as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { contoursByCode, intercommunalityContours, type MultiPolygonGeometry } from '../geometry/contours.js';
import type { ContourRecordType } from '../schemas/contour.js';
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
    siren: { column: table.siren, op: 'in', value: Siren, description: 'SIREN.' },
    legalForm: {
      column: table.legalForm,
      op: 'in',
      value: legalForm.properties.code,
      description: 'Legal form code.',
    },
    taxRegime: {
      column: table.taxRegime,
      op: 'in',
      value: taxRegime.properties.code,
      description: 'Tax regime code.',
    },
    department: {
      column: table.departments,
      op: 'contains',
      value: DepartmentCode,
      description: 'Département one of its members is in.',
    },
    populationMin: {
      column: table.population,
      op: 'gte',
      value: Type.Integer({ minimum: 0, examples: [10000] }),
      description: 'Smallest total population (DGCL file: INSEE legal population of reference year 2022, in force from 2025-01-01).',
    },
    populationMax: {
      column: table.population,
      op: 'lte',
      value: Type.Integer({ minimum: 0, examples: [20000] }),
      description: 'Largest total population (DGCL file: INSEE legal population of reference year 2022, in force from 2025-01-01).',
    },
  },
  sort: { siren: table.siren, name: table.nameKey, population: table.population, memberCount: table.memberCount },
  defaultSort: ['siren'],
  search: (epci) => ({
    name: epci.name,
    text: [epci.seat?.name ?? '', ...epci.laureates.map((commune) => commune.name), epci.legalForm.label],
  }),
  geometry: 'contour',
  references: { 'seat.code': { collection: 'members', field: 'code' } },
  related: {
    communes: { collection: () => communes, filter: 'intercommunality', description: 'Its laureate towns.' },
    members: { collection: () => members, filter: 'intercommunality', description: 'All its member communes.' },
    conventions: { collection: () => conventions, filter: 'intercommunality', description: "Its conventions: its towns' conventions d'adhésion and its ORT." },
  },
  represent: (data) => {
    const unions = intercommunalityContours(data);
    const contours = contoursByCode(data);
    return data.intercommunalities.map((epci) => {
      const members = epci.members.map((member) => ({ member, contour: contours.get(member.code) as ContourRecordType }));
      // A contour record names first the extract its geometry comes from.
      const extracts = [...new Set(members.map(({ contour }) => contour.sources[0] as string))];
      return {
        ...epci,
        notes: [
          ...epci.notes,
          {
            field: 'contour',
            status: 'inferred' as const,
            text: "The union of its members' contours (IGN Admin Express, boundaries of the COG 2018, simplified), computed when the database is built; no source publishes this contour.",
            sources: extracts,
          },
          // What the members' contours leave uncertain carries over to their union.
          ...members.flatMap(({ member, contour }) => contour.notes.map((note) => ({ ...note, text: `Member ${member.name} (${member.code}): ${note.text}` }))),
        ],
        sources: [...new Set([...epci.sources, ...members.flatMap(({ contour }) => contour.sources)])],
        laureates: data.communes
          .filter((commune) => commune.intercommunality.siren === epci.siren)
          .map((commune) => ({ code: commune.code, name: commune.name })),
        contour: unions.get(epci.siren) as MultiPolygonGeometry,
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
      };
    });
  },
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

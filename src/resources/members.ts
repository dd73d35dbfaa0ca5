// The member communes of each intercommunality: /v1/intercommunalities/{siren}/members.
import { Type } from '@sinclair/typebox';
import { DepartmentCode, InseeCode, Siren } from '../schemas/common.js';
import { Member } from '../schemas/intercommunality.js';
import { members as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { contoursByCode } from '../geometry/contours.js';
import type { ContourRecordType } from '../schemas/contour.js';
import { defineCollection } from './collection.js';
import { api, registries } from './links.js';

export const members = defineCollection({
  name: 'members',
  noun: { one: 'member', many: 'members' },
  tag: 'Intercommunalities',
  schema: Member,
  table,
  id: { name: 'code', column: table.code, schema: InseeCode },
  topLevel: false,
  filters: {
    intercommunality: { column: table.intercommunality, op: 'in', value: Siren, description: 'SIREN of the intercommunality.' },
    department: { column: table.department, op: 'in', value: DepartmentCode, description: 'Département code.' },
    laureate: {
      column: table.laureate,
      op: 'nonzero',
      value: Type.Boolean({ examples: [true] }),
      description: '`true`: only laureate towns; `false`: only the other members.',
    },
    populationMin: {
      column: table.population,
      op: 'gte',
      value: Type.Integer({ minimum: 0, examples: [500] }),
      description: 'Smallest total population (DGCL file: INSEE legal population of reference year 2022, in force from 2025-01-01).',
    },
    populationMax: {
      column: table.population,
      op: 'lte',
      value: Type.Integer({ minimum: 0, examples: [1000] }),
      description: 'Largest total population (DGCL file: INSEE legal population of reference year 2022, in force from 2025-01-01).',
    },
  },
  sort: { code: table.code, name: table.nameKey, population: table.population, department: table.department },
  defaultSort: ['code'],
  search: (member) => ({ name: member.name, text: [] }),
  geometry: 'contour',
  references: { 'intercommunality.siren': { collection: 'intercommunalities', field: 'siren' } },
  represent: (data) => {
    const laureates = new Set(data.communes.map((commune) => commune.code));
    const contours = contoursByCode(data);
    return data.intercommunalities.flatMap((epci) =>
      epci.members.map((member) => {
        // Every member has a contour (checked when data/ is loaded).
        const contour = contours.get(member.code) as ContourRecordType;
        return {
          ...member,
          intercommunality: { siren: epci.siren, name: epci.name },
          laureate: laureates.has(member.code),
          contour: contour.contour,
          notes: contour.notes,
          sources: [...new Set(['epcicom-2026', ...contour.sources])],
          links: {
            intercommunality: api.intercommunality(epci.siren),
            ...(laureates.has(member.code) ? { commune: api.commune(member.code) } : {}),
            geoApiGouv: registries.geoCommune(member.code),
          },
        };
      }),
    );
  },
  row: (member) => ({
    intercommunality: member.intercommunality.siren,
    code: member.code,
    nameKey: fold(member.name),
    department: member.department,
    population: member.population.total,
    laureate: member.laureate,
  }),
});

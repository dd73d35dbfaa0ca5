// The laureate communes: /v1/communes.
import { Type } from '@sinclair/typebox';
import { Commune } from '../schemas/commune.js';
import { ArrondissementCode, InseeCode, IsoDate, Siren } from '../schemas/common.js';
import { communes as table } from '../db/tables.js';
import { fold } from '../db/search.js';
import { contoursByCode } from '../geometry/contours.js';
import type { ContourRecordType } from '../schemas/contour.js';
import { defineCollection } from './collection.js';
import { conventions } from './conventions.js';
import { api, pages, registries } from './links.js';

export const communes = defineCollection({
  name: 'communes',
  noun: { one: 'commune', many: 'communes' },
  tag: 'Communes',
  schema: Commune,
  table,
  id: { name: 'code', column: table.code, schema: InseeCode },
  topLevel: true,
  filters: {
    code: { column: table.code, op: 'in', value: InseeCode, description: 'INSEE code.' },
    intercommunality: {
      column: table.intercommunality,
      op: 'in',
      value: Siren,
      description: 'SIREN of the intercommunality.',
    },
    arrondissement: {
      column: table.arrondissement,
      op: 'in',
      value: ArrondissementCode,
      description: 'Arrondissement code (COG).',
    },
    department: {
      column: table.department,
      op: 'in',
      value: Type.String({ pattern: '^(?:[0-9]{2}|2[AB]|97[1-6])$', examples: ['65'] }),
      description: 'Département code.',
    },
    postalCode: {
      column: table.postalCodes,
      op: 'contains',
      value: Type.String({ pattern: '^[0-9]{5}$', examples: ['65200'] }),
      description: 'Postal code.',
    },
    populationMin: {
      column: table.population,
      op: 'gte',
      value: Type.Integer({ minimum: 0, examples: [2000] }),
      description: 'Smallest municipal population (INSEE legal population of reference year 2023, in force from 2026-01-01).',
    },
    populationMax: {
      column: table.population,
      op: 'lte',
      value: Type.Integer({ minimum: 0, examples: [5000] }),
      description: 'Largest municipal population (INSEE legal population of reference year 2023, in force from 2026-01-01).',
    },
    signedFrom: {
      column: table.signedOn,
      op: 'gte',
      value: { ...IsoDate, examples: ['2021-07-01'] },
      description: 'Earliest ANCT signing date (`pvd.signedOn`).',
    },
    signedTo: {
      column: table.signedOn,
      op: 'lte',
      value: { ...IsoDate, examples: ['2021-12-31'] },
      description: 'Latest ANCT signing date (`pvd.signedOn`).',
    },
    hasFranceServices: {
      column: table.franceServices,
      op: 'nonzero',
      value: Type.Boolean({ examples: [true] }),
      description: '`true`: only towns with a France Services site; `false`: only towns without.',
    },
  },
  sort: {
    code: table.code,
    name: table.nameKey,
    population: table.population,
    area: table.area,
    signedOn: table.signedOn,
    intercommunality: table.intercommunality,
  },
  defaultSort: ['code'],
  // The name, then its postal codes and its intercommunality's name. Not the arrondissement (named after its chief
  // town: `q=tarbes` would list six towns of the arrondissement of Tarbes, none of them Tarbes) nor the France
  // Services sites (named after the town or its intercommunality, so they add only false matches).
  search: (commune) => ({
    name: commune.name,
    text: [...commune.postalCodes, commune.intercommunality.name],
  }),
  geometry: 'centre',
  references: {
    'intercommunality.siren': { collection: 'intercommunalities', field: 'siren' },
    code: { collection: 'members', field: 'code' },
  },
  related: {
    conventions: { collection: () => conventions, filter: 'commune', description: 'The conventions the commune signed or is covered by.' },
  },
  represent: (data) => {
    const contours = contoursByCode(data);
    return data.communes.map((commune) => {
      // Every laureate is a member, and every member has a contour (checked when data/ is loaded).
      const contour = contours.get(commune.code) as ContourRecordType;
      return {
        ...commune,
        notes: [...commune.notes, ...contour.notes],
        sources: [...new Set([...commune.sources, ...contour.sources])],
        contour: contour.contour,
        links: {
          self: api.commune(commune.code),
          page: pages.commune(commune.code),
          conventions: `${api.commune(commune.code)}/conventions`,
          intercommunality: api.intercommunality(commune.intercommunality.siren),
          geoApiGouv: registries.geoCommune(commune.code),
          annuaireEntreprises: registries.annuaireEntreprises(commune.siren),
        },
      };
    });
  },
  row: (commune) => ({
    code: commune.code,
    nameKey: fold(commune.name),
    intercommunality: commune.intercommunality.siren,
    arrondissement: commune.arrondissement.code,
    department: commune.department.code,
    postalCodes: commune.postalCodes,
    population: commune.population.municipal,
    area: commune.area.value,
    signedOn: commune.pvd.signedOn,
    franceServices: commune.franceServices.length,
  }),
});

// What the pages read: the records the API serves, from the same database (stored JSON of each item).
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { allItems, getItem } from '../query/sql.js';
import { listItems } from '../query/list.js';
import { listQuery } from '../query/query.js';
import { parsed, type StoredJson } from '../formats/render.js';
import { members } from '../resources/members.js';
import { communes } from '../resources/communes.js';
import { conventions } from '../resources/conventions.js';
import { fundingLinks } from '../resources/funding-links.js';
import { intercommunalities } from '../resources/intercommunalities.js';
import { measures } from '../resources/measures.js';
import type { CommuneType } from '../schemas/commune.js';
import type { Convention } from '../schemas/convention.js';
import type { DatasetType, ProgrammeType } from '../resources/documents.js';
import type { FundingLink } from '../schemas/funding-link.js';
import type { Intercommunality, MemberRecordType } from '../schemas/intercommunality.js';
import type { Measure } from '../schemas/measure.js';
import type { Shape } from './map.js';

// Contours of communes are coming to the data (`contour` on each laureate and each member); until then only
// intercommunalities have one. The pages read `contour` where it exists and fall back on the centre.
export type Town = CommuneType & { contour?: Shape };
export type Member = MemberRecordType & { contour?: Shape };
export type Epci = Omit<Static<typeof Intercommunality>, 'members'> & { members: Member[] };
export type ConventionItem = Static<typeof Convention>;
export type MeasureItem = Static<typeof Measure>;
export type FundingLinkItem = Static<typeof FundingLink>;
export type ProgrammeItem = ProgrammeType;
export type Dataset = DatasetType;

const parse = <T>(items: StoredJson[]) => items.map((item) => parsed(item) as T);

export const read = {
  dataset: (app: FastifyInstance) => JSON.parse(app.document('dataset')) as Dataset,
  programme: (app: FastifyInstance) => JSON.parse(app.document('programme')) as ProgrammeItem,
  towns: (app: FastifyInstance) => parse<Town>(allItems(app.db, communes)),
  town: (app: FastifyInstance, code: string) => {
    const item = getItem(app.db, communes, code);
    return item === undefined ? undefined : (JSON.parse(item) as Town);
  },
  epcis: (app: FastifyInstance) => parse<Epci>(allItems(app.db, intercommunalities)),
  /** An intercommunality, its members with their contours (from the members collection: the record lists them without). */
  epci: (app: FastifyInstance, siren: string) => {
    const item = getItem(app.db, intercommunalities, siren);
    if (item === undefined) return undefined;
    const epci = JSON.parse(item) as Epci;
    const scoped = listQuery(members, {}, { filter: 'intercommunality', value: siren });
    const served = parse<Member>(listItems(app.db, members, scoped.selection, { limit: epci.members.length, offset: 0 }).items);
    const contours = new Map(served.map((member) => [member.code, member.contour]));
    return { ...epci, members: epci.members.map((member) => ({ ...member, contour: contours.get(member.code) })) } as Epci;
  },
  conventions: (app: FastifyInstance) => parse<ConventionItem>(allItems(app.db, conventions)),
  measures: (app: FastifyInstance) => parse<MeasureItem>(allItems(app.db, measures)),
  fundingLinks: (app: FastifyInstance) => parse<FundingLinkItem>(allItems(app.db, fundingLinks)),
};

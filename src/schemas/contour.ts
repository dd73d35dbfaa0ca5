// The contour of a member commune (data/contours.json): IGN Admin Express boundaries of COG 2018, written by scripts/contours.ts.
import { Type, type Static } from '@sinclair/typebox';
import { InseeCode, MultiPolygon, Notes, SourceIds } from './common.js';

export const CommuneContour = {
  ...MultiPolygon,
  description:
    'Contour of the commune: its boundaries in the COG 2018 (IGN Admin Express 2018, simplified, coordinates to 5 decimals), ' +
    'exterior rings counter-clockwise and holes clockwise (RFC 7946). Where the commune changed since 2018, `notes` says how.',
};

export const ContourRecord = Type.Object(
  {
    code: InseeCode,
    name: Type.String({ minLength: 1, description: 'Name of the commune in the DGCL member list (2026), for readers of the file.', examples: ['Campan'] }),
    contour: CommuneContour,
    notes: Notes,
    sources: { ...SourceIds, description: 'Ids of its sources: first the extract the contour comes from, then those its notes cite.' },
  },
  {
    additionalProperties: false,
    description: 'The contour of a member commune of an intercommunality; written by `scripts/contours.ts` from the reference extracts, not by hand.',
  },
);

export type ContourRecordType = Static<typeof ContourRecord>;

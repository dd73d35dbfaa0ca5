// The files of data/: which schema each follows and which field identifies its records.
import type { Static, TObject } from '@sinclair/typebox';
import { CommuneRecord } from './commune.js';
import { ConventionRecord } from './convention.js';
import { DatasetRecord } from './dataset.js';
import { FundingLinkRecord } from './funding-link.js';
import { IntercommunalityRecord } from './intercommunality.js';
import { MeasureRecord } from './measure.js';
import { ProgrammeRecord } from './programme.js';
import { ContourRecord } from './contour.js';

export interface DataFile {
  file: string;
  schema: TObject;
  /** Field naming each record, for files holding a list of records. */
  id?: string;
}

export const dataFiles = {
  dataset: { file: 'dataset.json', schema: DatasetRecord },
  programme: { file: 'programme.json', schema: ProgrammeRecord },
  communes: { file: 'communes.json', schema: CommuneRecord, id: 'code' },
  intercommunalities: { file: 'intercommunalities.json', schema: IntercommunalityRecord, id: 'siren' },
  conventions: { file: 'conventions.json', schema: ConventionRecord, id: 'id' },
  measures: { file: 'measures.json', schema: MeasureRecord, id: 'id' },
  fundingLinks: { file: 'funding-links.json', schema: FundingLinkRecord, id: 'id' },
  contours: { file: 'contours.json', schema: ContourRecord, id: 'code' },
} as const satisfies Record<string, DataFile>;

type Files = typeof dataFiles;
type RecordOf<F> = F extends { schema: infer S extends TObject } ? Static<S> : never;

/** The curated records of data/, validated and cross-checked. */
export type CuratedData = {
  [K in keyof Files]: Files[K] extends { id: string } ? RecordOf<Files[K]>[] : RecordOf<Files[K]>;
};

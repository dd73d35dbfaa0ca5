// The files of data/: which schema each follows and which field identifies its records.
import type { TObject } from '@sinclair/typebox';
import { CommuneRecord } from '../schemas/commune.js';
import { ContourRecord } from '../schemas/contour.js';
import { ConventionRecord } from '../schemas/convention.js';
import { DatasetRecord } from '../schemas/dataset.js';
import { FundingLinkRecord } from '../schemas/funding-link.js';
import { IntercommunalityRecord } from '../schemas/intercommunality.js';
import { MeasureRecord } from '../schemas/measure.js';
import { ProgrammeRecord } from '../schemas/programme.js';

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

// The CSV writer: one row per item, the flat fields as columns (src/formats/fields.ts), every item written or an error
// thrown (never a truncated file), and cells that a spreadsheet would run as a formula neutralised (OWASP).
import { stringify } from 'csv-stringify/sync';
import { flatValue, type FlatField } from './fields.js';

const number = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
/** A list of numbers as the flattening writes it (an absent item is empty): inert in a spreadsheet. */
const numberList = new RegExp(`^(?:${number})?(?:\\|(?:${number})?)*$`);
/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * The text of one cell. A text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
 * unless it is a genuine number of a numeric field (a negative longitude stays `-0.096`), or a list of numbers.
 */
export function csvCell(field: FlatField, value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  if (field.type === 'integer' || field.type === 'number') {
    if (field.depth === 0 ? Number.isFinite(value) : numberList.test(text)) return text;
  }
  return formulaStart.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  separator: string;
  bom: boolean;
}

/** RFC 4180 CSV (CRLF line ends, a header row) of `items` (parsed JSON) over `fields`. */
export function writeCsv(fields: FlatField[], items: unknown[], options: CsvOptions): string {
  const rows = items.map((item) => fields.map((field) => csvCell(field, flatValue(field, item))));
  return stringify([fields.map((field) => field.name), ...rows], { delimiter: options.separator, bom: options.bom, record_delimiter: 'windows' });
}

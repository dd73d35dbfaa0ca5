// French formats and labels of the pages: numbers, dates, and the words for the data's codes.
import { h, type Html } from './html.js';

const integer = new Intl.NumberFormat('fr-FR');
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 7114 → « 7 114 » (espace fine insécable, as Intl writes French). */
export const number = (value: number) => integer.format(value);

/** Hectares as French text with km²: 12587 → « 12 587 ha (125,87 km²) ». */
export const area = (hectares: number) => `${integer.format(hectares)} ha (${decimal.format(hectares / 100)} km²)`;

/** A date of the data (YYYY, YYYY-MM or YYYY-MM-DD) in French: « 24 juin 2021 », « 1er août 2024 », « juin 2021 », « 2026 ». */
export function date(value: string): string {
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return monthYear.format(new Date(`${value}-01T00:00:00Z`));
  return longDate.format(new Date(`${value}T00:00:00Z`)).replace(/^1 /, '1er ');
}

/** A <time> element with the machine-readable date. */
export const time = (value: string): Html => h`<time datetime="${value}">${date(value)}</time>`;

export const noteStatus: Record<string, string> = {
  provisional: 'provisoire',
  uncertain: 'incertain',
  'conflicting-sources': 'sources divergentes',
  inferred: 'déduit',
};

export const conventionType: Record<string, string> = {
  adhesion: "Convention d'adhésion",
  ort: 'Convention d’opération de revitalisation de territoire (ORT)',
};

export const measureCategory: Record<string, string> = {
  engineering: 'Ingénierie',
  'public-services': 'Services publics',
  financing: 'Financement',
};

export const fundingKind: Record<string, string> = {
  platform: 'plateforme de financement',
  search: 'recherche d’aides',
  portal: 'portail du programme',
  page: 'page d’information',
  dataset: 'données ouvertes',
  guide: 'guide',
};

/** Département names of the COG for the codes this dataset meets (intercommunalities may cross a border). */
const departmentNames: Record<string, string> = {
  '09': 'Ariège',
  '31': 'Haute-Garonne',
  '32': 'Gers',
  '40': 'Landes',
  '64': 'Pyrénées-Atlantiques',
  '65': 'Hautes-Pyrénées',
};
export const department = (code: string) => (departmentNames[code] ? `${departmentNames[code]} (${code})` : code);

/** A list in French: « a, b et c ». */
export function list(items: string[]): string {
  return new Intl.ListFormat('fr', { style: 'long', type: 'conjunction' }).format(items);
}

/** Sorting names the French way (accents, case and hyphens as a reader expects). */
export const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

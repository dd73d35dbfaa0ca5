// Shared primitives of the dataset's schemas: official codes, dates, geometry, notes, sources.
import { FormatRegistry, Type, type ObjectOptions, type Static, type TObject, type TOptional, type TProperties } from '@sinclair/typebox';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
FormatRegistry.Set('date', (value) => {
  const match = isoDate.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
});

/** A string that is one of the given values (validated, typed, and an enum in the OpenAPI document). */
export function OneOf<const T extends readonly string[]>(values: T, options: { description: string; $id?: string }) {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    { ...options, examples: [values[0]] },
  );
}

export const InseeCode = Type.String({
  pattern: '^(?:[0-9]{2}|2[AB])[0-9]{3}$',
  description: 'INSEE code of the commune in the Code officiel géographique (COG), 5 characters.',
  examples: ['65059'],
});

export const Siren = Type.String({
  pattern: '^[0-9]{9}$',
  description: 'SIREN number (9 digits) in the national business register (Sirene).',
  examples: ['246500482'],
});

export const Slug = Type.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 80,
  description: 'Stable identifier: lowercase words joined by hyphens.',
  examples: ['ort-246500482'],
});

export const IsoDate = Type.String({
  format: 'date',
  description: 'Calendar date, ISO 8601 (YYYY-MM-DD).',
  examples: ['2021-06-24'],
});

export const DepartmentCode = Type.String({
  pattern: '^(?:[0-9]{2}|2[AB]|97[1-6])$',
  description: 'Département code in the COG.',
  examples: ['65'],
});

export const ArrondissementCode = Type.String({
  pattern: '^(?:[0-9]{2}|2[AB]|97[1-6])[0-9]$',
  description: 'Arrondissement code in the COG: the département code and one digit.',
  examples: ['652'],
});

export const CantonCode = Type.String({
  pattern: '^(?:[0-9]{2}|2[AB]|97[1-6])[0-9]{2}$',
  description: 'Canton code in the COG: the département code and two digits.',
  examples: ['6504'],
});

export const Year = Type.Integer({ minimum: 1800, maximum: 2100, description: 'Calendar year.', examples: [2023] });

/** The two labels of an INSEE legal population, with the same names wherever a population is given. */
export const populationLabels = (referenceYear: number, inForceFrom: string) => ({
  referenceYear: Type.Integer({
    ...Year,
    description: 'Reference year (millésime) of the INSEE legal population: the year the census figures describe.',
    examples: [referenceYear],
  }),
  inForceFrom: Type.String({
    ...IsoDate,
    description: 'Date from which this legal population is in force.',
    examples: [inForceFrom],
  }),
});

export const Wording = OneOf(['quoted', 'own-words'] as const, {
  description:
    "`quoted`: the exact words of the record's source (French, its typography kept); " +
    '`own-words`: written for this dataset from its sources, in English; not a quotation, and no more than the sources say.',
});

/** A text that says whether it quotes its source or is the dataset's own wording. */
export const WordedText = (description: string, example: string) =>
  Type.Object(
    { text: Type.String({ minLength: 1, description: 'The text.', examples: [example] }), wording: Wording },
    { additionalProperties: false, description },
  );

export const Url = Type.String({
  pattern: '^https://[^\\s]+$',
  description: 'Absolute https URL.',
  examples: ['https://aides-territoires.beta.gouv.fr/'],
});

export const NonEmptyText = Type.String({ minLength: 1, description: 'Free text, in French where it quotes a French source.' });

export const SourceIds = Type.Array(Slug, {
  minItems: 1,
  uniqueItems: true,
  description: 'Ids of the entries of the dataset source list (`/v1/dataset`, `sources[].id`) that back this record.',
  examples: [['cog-2026', 'populations-2023']],
});

export const CommuneRef = Type.Object(
  { code: InseeCode, name: Type.String({ minLength: 1, description: 'Official name (COG).', examples: ['Bagnères-de-Bigorre'] }) },
  { additionalProperties: false, description: 'A commune, by its INSEE code and official name.' },
);

export const IntercommunalityRef = Type.Object(
  { siren: Siren, name: Type.String({ minLength: 1, description: 'Official name (DGCL).', examples: ['CC de la Haute-Bigorre'] }) },
  { additionalProperties: false, description: 'An intercommunality (EPCI), by its SIREN and official name.' },
);

// An array rather than a tuple: OpenAPI 3.1 has no `items: [...]`, and TypeBox tuples emit it.
export const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), {
  minItems: 2,
  maxItems: 2,
  description: 'A position, `[longitude, latitude]` in WGS84 degrees (RFC 7946).',
  examples: [[0.133, 42.976]],
});

export const Point = Type.Object(
  { type: Type.Literal('Point'), coordinates: Position },
  { additionalProperties: false, description: 'GeoJSON Point (RFC 7946).' },
);

export const MultiPolygon = Type.Object(
  {
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Position, { minItems: 4 }), { minItems: 1 }), { minItems: 1 }),
  },
  { additionalProperties: false, description: 'GeoJSON MultiPolygon (RFC 7946).' },
);

export const NoteStatus = OneOf(['provisional', 'uncertain', 'conflicting-sources', 'inferred', 'constructed'] as const, {
  description:
    '`provisional`: from a source not yet confirmed; `uncertain`: the sources do not settle it; ' +
    '`conflicting-sources`: sources disagree and the record says how; `inferred`: not stated by a source, deduced as the note explains; ' +
    '`constructed`: built by the curators (a URL from an identifier or a URL pattern), not read from a source, as the note explains.',
});

export const Note = Type.Object(
  {
    field: Type.String({
      pattern: '^[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)*$',
      description: 'Dotted path of the field of this record the note is about.',
      examples: ['centre'],
    }),
    status: NoteStatus,
    text: NonEmptyText,
    sources: Type.Optional(SourceIds),
  },
  { additionalProperties: false, description: 'What a source leaves uncertain about one field of the record.' },
);

export const Notes = Type.Array(Note, {
  description: 'Uncertainties of this record, field by field. Empty when every fact is settled by its sources.',
});

const Link = Type.String({ minLength: 1, description: 'Root-relative path of a resource of this API, or absolute URL of another registry.' });

/** Description of a link to another registry whose URL this API builds from an official code. */
export const builtLink = (what: string, pattern: string) =>
  `${what} Built from the code by this API (${pattern}), not read from a source: the registry may not have the entity.`;

/**
 * A record's links: `self` and its related resources (root-relative), plus cross-registry links (absolute).
 * `descriptions` replaces the generic description of the links it names.
 */
export function Links<K extends string, O extends string = never>(
  required: readonly K[],
  optional: readonly O[] = [],
  descriptions: Partial<Record<K | O, string>> = {},
) {
  const link = (key: K | O) => (descriptions[key] ? Type.String({ minLength: 1, description: descriptions[key] }) : Link);
  return Type.Object(
    {
      ...(Object.fromEntries(required.map((key) => [key, link(key)])) as Record<K, typeof Link>),
      ...(Object.fromEntries(optional.map((key) => [key, Type.Optional(link(key))])) as Record<O, TOptional<typeof Link>>),
    },
    { additionalProperties: false, description: 'Links: `self`, related resources of this API, and the same entity in other registries.' },
  );
}

/** The API representation of a record: the curated record of data/ plus what the build derives (links, reverse relations). */
export function Representation<P extends TProperties, D extends TProperties>(record: TObject<P>, derived: D, options: ObjectOptions & { $id: string }) {
  return Type.Object({ ...record.properties, ...derived }, { description: record.description, ...options, additionalProperties: false });
}

export type NoteType = Static<typeof Note>;

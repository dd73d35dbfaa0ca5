// Writes a synthetic but valid data/ tree of any size, for benchmarks: npx tsx bench/generate.ts --communes 1646 --out /tmp/data-1646
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import { dataFiles, type CuratedData } from '../src/schemas/data-files.js';

type Commune = CuratedData['communes'][number];
type Epci = CuratedData['intercommunalities'][number];
type Member = Epci['members'][number];
type Convention = CuratedData['conventions'][number];
type Contour = CuratedData['contours'][number];
type Note = Commune['notes'][number];
type Position = [number, number];

const { values: args } = parseArgs({ options: { communes: { type: 'string' }, out: { type: 'string' } } });
const count = Number(args.communes);
if (!args.out || !Number.isInteger(count) || count < 1) {
  console.error('Usage: npx tsx bench/generate.ts --communes <N> --out <dir>');
  process.exit(2);
}
const templateDir = join(projectRoot, 'data');
const outDir = resolve(args.out);
const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};
const fromData = relative(real(templateDir), real(outDir));
if (fromData === '' || (fromData !== '..' && !fromData.startsWith(`..${sep}`) && !isAbsolute(fromData))) {
  console.error(`Refusing to write into the repository's own data/ folder (${templateDir}).`);
  process.exit(2);
}

// mulberry32, seeded by N alone, so the same arguments always give the same bytes.
let seed = count >>> 0;
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chance = (p: number) => rand() < p;
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const pad = (value: number, width: number) => String(value).padStart(width, '0');
const day = (from: string, offset: number) => new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

// Metropolitan départements only: Corsica's and overseas arrondissement and canton codes ("2A1", "9711") fail
// the schema's ^[0-9]{3}$ and ^[0-9]{4}$, and Paris is a single commune.
const regions: Record<string, string> = {
  11: 'Île-de-France',
  24: 'Centre-Val de Loire',
  27: 'Bourgogne-Franche-Comté',
  28: 'Normandie',
  32: 'Hauts-de-France',
  44: 'Grand Est',
  52: 'Pays de la Loire',
  53: 'Bretagne',
  75: 'Nouvelle-Aquitaine',
  76: 'Occitanie',
  84: 'Auvergne-Rhône-Alpes',
  93: "Provence-Alpes-Côte d'Azur",
};
const departmentTable =
  '01:84:Ain;02:32:Aisne;03:84:Allier;04:93:Alpes-de-Haute-Provence;05:93:Hautes-Alpes;06:93:Alpes-Maritimes;07:84:Ardèche;08:44:Ardennes;' +
  '09:76:Ariège;10:44:Aube;11:76:Aude;12:76:Aveyron;13:93:Bouches-du-Rhône;14:28:Calvados;15:84:Cantal;16:75:Charente;17:75:Charente-Maritime;' +
  "18:24:Cher;19:75:Corrèze;21:27:Côte-d'Or;22:53:Côtes-d'Armor;23:75:Creuse;24:75:Dordogne;25:27:Doubs;26:84:Drôme;27:28:Eure;" +
  '28:24:Eure-et-Loir;29:53:Finistère;30:76:Gard;31:76:Haute-Garonne;32:76:Gers;33:75:Gironde;34:76:Hérault;35:53:Ille-et-Vilaine;36:24:Indre;' +
  '37:24:Indre-et-Loire;38:84:Isère;39:27:Jura;40:75:Landes;41:24:Loir-et-Cher;42:84:Loire;43:84:Haute-Loire;44:52:Loire-Atlantique;45:24:Loiret;' +
  '46:76:Lot;47:75:Lot-et-Garonne;48:76:Lozère;49:52:Maine-et-Loire;50:28:Manche;51:44:Marne;52:44:Haute-Marne;53:52:Mayenne;' +
  '54:44:Meurthe-et-Moselle;55:44:Meuse;56:53:Morbihan;57:44:Moselle;58:27:Nièvre;59:32:Nord;60:32:Oise;61:28:Orne;62:32:Pas-de-Calais;' +
  '63:84:Puy-de-Dôme;64:75:Pyrénées-Atlantiques;65:76:Hautes-Pyrénées;66:76:Pyrénées-Orientales;67:44:Bas-Rhin;68:44:Haut-Rhin;69:84:Rhône;' +
  '70:27:Haute-Saône;71:27:Saône-et-Loire;72:52:Sarthe;73:84:Savoie;74:84:Haute-Savoie;76:28:Seine-Maritime;77:11:Seine-et-Marne;78:11:Yvelines;' +
  '79:75:Deux-Sèvres;80:32:Somme;81:76:Tarn;82:76:Tarn-et-Garonne;83:93:Var;84:93:Vaucluse;85:52:Vendée;86:75:Vienne;87:75:Haute-Vienne;' +
  "88:44:Vosges;89:27:Yonne;90:27:Territoire de Belfort;91:11:Essonne;92:11:Hauts-de-Seine;93:11:Seine-Saint-Denis;94:11:Val-de-Marne;95:11:Val-d'Oise";

// Names mix the shapes search has to fold: Saint/Sainte, articles, elided "d'"/"L'", accents, hyphens, œ.
const starts = [
  'Ar',
  'Bar',
  'Cas',
  'Lan',
  'Mon',
  'Pon',
  'Vil',
  'Bor',
  'Ger',
  'Lab',
  'Mar',
  'Nes',
  'Sar',
  'Tour',
  'Val',
  'Ber',
  'Cam',
  'Dur',
  'Esc',
  'Gour',
  'Aub',
  'Rab',
  'Fleur',
  'Caz',
  'Mir',
  'Sal',
  'Cœur',
  'Ort',
];
const vowels = ['a', 'e', 'i', 'o', 'é', 'ou', 'au'];
const consonantEnds = ['nac', 'ville', 'court', 'lès', 'rac', 'gnan', 'mont', 'ssac', 'zère', 'bière', 'det', 'rens', 'lan', 'bat', 'ssan', 'vielle'];
const vowelEnds = ['ac', 'an', 'ès', 'ein', 'ons', 'ard', 'eau', 'ay', 'igny', 'ours', 'ade', 'iers', 'oux', 'ol', 'ens', 'ère'];
const saints = ['Martin', 'Laurent', 'Lary', 'Jean', 'Pierre', 'Gaudens', 'Sever', 'Girons', 'Pé', 'Éloi', 'André', 'Étienne', 'Affrique', 'Hilaire'];
const saintes = ['Marie', 'Foy', 'Livrade', 'Hélène', 'Croix', 'Eulalie', 'Énimie', 'Colombe'];
const articled = [
  'Le Pin',
  'Le Mas',
  'Le Vigan',
  'Le Houga',
  'Le Puy',
  'La Bastide',
  'La Salvetat',
  'La Chapelle',
  'La Ferté',
  'La Réole',
  "L'Isle",
  "L'Hôpital",
  "L'Étang",
  'Les Angles',
  'Les Cabannes',
  'Les Essarts',
];
const suffixes = [
  '-sur-Garonne',
  '-en-Bigorre',
  '-de-Neste',
  '-sur-Baïse',
  "-d'Armagnac",
  "-d'Olt",
  '-sur-Lèze',
  '-en-Comminges',
  '-lès-Bains',
  '-le-Château',
  '-de-Rivière',
  "-sur-l'Adour",
  '-sous-Bois',
  '-la-Forêt',
  '-Magnoac',
  '-Soulan',
];
const de = (word: string) => (/^[AEIOUÉÈÎŒH]/.test(word) ? `d'${word}` : `de ${word}`);
const root = () => pick(starts) + (chance(0.5) ? pick(vowels) + pick(consonantEnds) : pick(vowelEnds));
function communeName(): string {
  const r = rand();
  if (r < 0.2) {
    const saint = r < 0.14 ? `Saint-${pick(saints)}` : `Sainte-${pick(saintes)}`;
    return saint + (chance(0.5) ? pick(suffixes) : `-${de(root()).replace(' ', '-')}`);
  }
  const base = r < 0.3 ? `${pick(articled)}-${root()}` : r < 0.45 ? `${root()}-${root()}` : root();
  return chance(0.35) ? base + pick(suffixes) : base;
}

// Department × 001–999 is the whole INSEE code space; shuffled pools give scattered, unique codes.
const departments = departmentTable.split(';').map((entry) => {
  const [code, region, name] = entry.split(':') as [string, string, string];
  const arrondissements = Array.from({ length: int(2, 4) }, (_, i) => ({ code: `${code}${i + 1}`, name: root() }));
  return {
    code,
    name,
    region: { code: region, name: regions[region]! },
    centre: [round(-1.2 + rand() * 8, 3), round(43 + rand() * 6.5, 3)] as Position,
    arrondissements,
    pool: shuffle(Array.from({ length: 999 }, (_, i) => i + 1)),
  };
});
const byCode = new Map(departments.map((department) => [department.code, department]));
let free = departments.length * 999;
if (count > free) {
  console.error(`At most ${free} communes fit in the INSEE code space of the ${departments.length} départements used.`);
  process.exit(2);
}
function takeCode(preferred: string): string {
  const department = [byCode.get(preferred)!, ...departments].find((candidate) => candidate.pool.length > 0)!;
  free--;
  return `${department.code}${pad(department.pool.pop()!, 3)}`;
}

// SIRENs built like the real ones (21 + département + 0 + commune, EPCIs 2000…), with the Luhn key Sirene uses.
function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + ((10 - (sum % 10)) % 10);
}
const communeSiren = (code: string) => luhn(`21${code.slice(0, 2)}0${code.slice(2)}`);

const readTemplate = <K extends keyof CuratedData>(file: string) => JSON.parse(readFileSync(join(templateDir, file), 'utf8')) as CuratedData[K];
const dataset = readTemplate<'dataset'>('dataset.json');
const programme = readTemplate<'programme'>('programme.json');
const measures = readTemplate<'measures'>('measures.json');
const fundingLinks = readTemplate<'fundingLinks'>('funding-links.json');
const templateConventions = readTemplate<'conventions'>('conventions.json');
const contentOf = (type: Convention['type']) => templateConventions.find((convention) => convention.type === type)?.content ?? `Convention ${type}.`;

const note = (field: string, status: Note['status'], text: string, sources: string[]): Note => ({ field, status, text, sources });
const communeNotes = [
  note('centre', 'provisional', 'Synthetic centre near its intercommunality, generated for benchmarks.', ['geo-communes-2025']),
  note('townHall', 'provisional', 'Synthetic town hall, at the centre, generated for benchmarks.', ['geo-communes-2025']),
  note('area', 'provisional', 'Synthetic area, generated for benchmarks.', ['geo-communes-2025']),
  note('pvd.signedOn', 'uncertain', "Synthetic date standing for the ANCT file's `date_signature`.", ['anct-pvd-2026', 'reference-notes']),
];
const communeSources = [
  'prefecture-page',
  'cog-2026',
  'cog-2026-arrondissements',
  'populations-2023',
  'epcicom-2026',
  'postcodes-laposte',
  'geo-communes-2025',
  'anct-pvd-2026',
  'reference-notes',
];
const signingDates = Array.from({ length: 24 }, () => day('2021-03-01', int(0, 640))).sort();
const forms = [
  { code: 'CC', label: 'Communauté de communes', upTo: 0.8 },
  { code: 'CA', label: "Communauté d'agglomération", upTo: 0.97 },
  { code: 'CU', label: 'Communauté urbaine', upTo: 0.99 },
  { code: 'METRO', label: 'Métropole', upTo: 1 },
] as const;

// France has about 1,250 EPCIs: 1 to 3 laureates each at programme scale, many more past ~2,500 laureates.
const epciCount = Math.min(Math.ceil(count / 2), 1250);
const weights = Array.from({ length: epciCount }, () => 0.5 + rand());
const total = weights.reduce((sum, weight) => sum + weight, 0);
const laureateCounts = weights.map((weight) => Math.max(1, Math.round((count * weight) / total)));
for (let excess = laureateCounts.reduce((sum, k) => sum + k, 0) - count; excess !== 0;) {
  const i = int(0, epciCount - 1);
  if (excess > 0 && laureateCounts[i]! > 1) {
    laureateCounts[i]!--;
    excess--;
  } else if (excess < 0 && laureateCounts[i]! < Math.ceil((1.5 * count) / epciCount)) {
    laureateCounts[i]!++;
    excess++;
  }
}

const homeOrder = shuffle([...departments]);
const communes: Commune[] = [];
const epcis: Epci[] = [];
const conventions: Convention[] = [];
const contours: Contour[] = [];
let laureatesLeft = count;
let franceServicesId = 100;
laureateCounts.forEach((laureateCount, index) => {
  const home = homeOrder[index % homeOrder.length]!;
  const neighbour = homeOrder[(index + 1) % homeOrder.length]!;
  laureatesLeft -= laureateCount;
  const others = Math.min(Math.max(0, int(10, 60) - laureateCount), free - laureatesLeft - laureateCount);
  const straddling = chance(0.08) ? Math.min(others, int(1, 5)) : 0;
  const codes = Array.from({ length: laureateCount + others }, (_, i) => takeCode(i < laureateCount + others - straddling ? home.code : neighbour.code));
  const centre: Position = [round(home.centre[0] + rand() * 0.6 - 0.3, 4), round(home.centre[1] + rand() * 0.6 - 0.3, 4)];
  const radius = 0.08 + rand() * 0.15;

  const draw = rand();
  const form = forms.find((candidate) => draw <= candidate.upTo)!;
  const siren = luhn(`2000${pad(index + 1, 4)}`);
  const laureateNames = codes.slice(0, laureateCount).map(() => communeName());
  const word = root();
  const name =
    form.code === 'CC'
      ? pick([
          `CC du Pays ${de(word)}`,
          `CC de la Vallée ${de(word)}`,
          `CC ${word}-${root()}`,
          `CC des Coteaux ${de(word)}`,
          `CC ${laureateNames[0]!} et environs`,
        ])
      : form.code === 'CA'
        ? pick([`CA du Grand ${word}`, `CA ${laureateNames[0]!} Agglomération`])
        : `${form.code === 'CU' ? 'CU' : 'Métropole'} ${laureateNames[0]!}`;
  const ref = { siren, name };

  const members: Member[] = codes.map((code, i) => {
    const municipal = i < laureateCount ? Math.round(1000 * 19 ** rand()) : Math.round(30 * 100 ** rand());
    return {
      code,
      name: laureateNames[i] ?? communeName(),
      siren: communeSiren(code),
      department: code.slice(0, 2),
      population: { total: municipal + int(0, Math.ceil(municipal * 0.03)), municipal, referenceYear: 2022, inForceFrom: '2025-01-01' },
    };
  });
  // Members tile a grid of squares around the centre: shared edges, so that their union is one clean polygon.
  const columns = Math.ceil(Math.sqrt(members.length));
  const cell = (2 * radius) / columns;
  const gridX = (column: number) => round(centre[0] - radius + column * cell, 5);
  const gridY = (row: number) => round(centre[1] - radius + row * cell, 5);
  const square = (index: number): Position[] => {
    const [column, row] = [index % columns, Math.floor(index / columns)];
    const [x0, x1, y0, y1] = [gridX(column), gridX(column + 1), gridY(row), gridY(row + 1)];
    return [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ];
  };
  const middle = (index: number): Position => {
    const [column, row] = [index % columns, Math.floor(index / columns)];
    return [round((gridX(column) + gridX(column + 1)) / 2, 5), round((gridY(row) + gridY(row + 1)) / 2, 5)];
  };
  members.forEach((member, index) =>
    contours.push({
      code: member.code,
      name: member.name,
      contour: { type: 'MultiPolygon', coordinates: [[square(index)]] },
      notes: [],
      sources: ['ign-admin-express-2018-65'],
    }),
  );
  const laureates: Commune[] = members.slice(0, laureateCount).map((member, index) => {
    const department = byCode.get(member.department)!;
    const municipal = Math.round(member.population.municipal * (0.97 + rand() * 0.06));
    const countedApart = int(0, Math.ceil(municipal * 0.04));
    const postalCodes = [
      ...new Set([`${department.code}${pad(int(10, 99) * 10, 3)}`, ...(chance(0.1) ? [`${department.code}${pad(int(10, 99) * 10, 3)}`] : [])]),
    ];
    const point = middle(index);
    const franceServices: Commune['franceServices'] = Array.from({ length: chance(0.45) ? int(1, 2) : 0 }, () => ({
      id: String(franceServicesId++),
      name: pick([`France services ${member.name}`, `France services La Poste ${de(member.name)}`, `Maison France services du ${word}`]),
      address: {
        street: `${int(1, 120)} ${pick(['rue', 'avenue', 'place', 'boulevard', 'chemin'])} ${pick(['de la Mairie', 'du Général-de-Gaulle', 'Jean-Jaurès', "de l'Église", 'des Écoles', 'Victor-Hugo'])}`,
        ...(chance(0.2) ? { complement: pick(['Mairie', 'Galerie commerciale', 'Bâtiment B']) } : {}),
        postalCode: postalCodes[0]!,
        city: member.name,
      },
      location: { type: 'Point', coordinates: [round(point[0] + (rand() - 0.5) * 0.01, 6), round(point[1] + (rand() - 0.5) * 0.01, 6)] },
      ...(chance(0.9) ? { labelledOn: day('2020-01-01', int(0, 1400)) } : {}),
    }));
    return {
      code: member.code,
      siren: member.siren,
      name: member.name,
      department: { code: department.code, name: department.name },
      region: department.region,
      arrondissement: pick(department.arrondissements),
      cantonCode: `${department.code}${pad(int(1, 30), 2)}`,
      postalCodes,
      population: { municipal, countedApart, total: municipal + countedApart, referenceYear: 2023, inForceFrom: '2026-01-01' },
      area: { value: int(300, 15_000), unit: 'ha' },
      centre: { type: 'Point', coordinates: point },
      townHall: { type: 'Point', coordinates: point },
      intercommunality: ref,
      pvd: { signedOn: pick(signingDates) },
      franceServices,
      notes: communeNotes,
      sources: franceServices.length > 0 ? [...communeSources, 'france-services-2024'] : communeSources,
    };
  });

  const seat = chance(0.85) ? { code: laureates[0]!.code, name: laureates[0]!.name } : null;
  const sum = (key: 'total' | 'municipal') => members.reduce((total, member) => total + member.population[key], 0);
  epcis.push({
    siren,
    name,
    legalForm: { code: form.code, label: form.label },
    taxRegime:
      form.code === 'CC' && chance(0.4) ? { code: 'FA', label: 'Fiscalité additionnelle' } : { code: 'FPU', label: 'Fiscalité professionnelle unique' },
    seat,
    memberCount: members.length,
    population: { total: sum('total'), municipal: sum('municipal'), referenceYear: 2022, inForceFrom: '2025-01-01' },
    departments: [...new Set(members.map((member) => member.department))].sort(),
    members: members.sort((a, b) => (a.code < b.code ? -1 : 1)),
    notes: [
      ...(seat ? [] : [note('seat', 'uncertain', 'No source gives the seat of this synthetic intercommunality; it is left empty.', ['reference-notes'])]),
      note('population', 'inferred', 'Synthetic sum of the member populations, of reference year 2022 like the DGCL file.', ['epcicom-2026']),
    ],
    sources: ['prefecture-page', 'epcicom-2026', 'reference-notes'],
  });
  communes.push(...laureates);
  for (const commune of laureates) {
    conventions.push({
      id: `adhesion-${commune.code}`,
      type: 'adhesion',
      title: `Convention d'adhésion Petites villes de demain — ${commune.name}`,
      intercommunality: ref,
      communes: [{ code: commune.code, name: commune.name }],
      signedOn: commune.pvd.signedOn,
      content: contentOf('adhesion'),
      notes: [note('signedOn', 'uncertain', "Synthetic date, equal to the town's `pvd.signedOn`.", ['anct-pvd-2026', 'reference-notes'])],
      sources: ['prefecture-page', 'anct-pvd-2026', 'reference-notes'],
    });
  }
  conventions.push({
    id: `ort-${siren}`,
    type: 'ort',
    title: `Convention ORT — ${name}`,
    intercommunality: ref,
    communes: laureates.map((commune) => ({ code: commune.code, name: commune.name })),
    signedOn: programme.department.ortSignedOn,
    content: contentOf('ort'),
    notes: [note('intercommunality', 'inferred', 'One ORT convention per intercommunality, as in the curated data.', ['prefecture-page'])],
    sources: ['prefecture-page', 'reference-notes'],
  });
});

communes.sort((a, b) => (a.code < b.code ? -1 : 1));
epcis.sort((a, b) => (a.siren < b.siren ? -1 : 1));
conventions.sort((a, b) => (a.id < b.id ? -1 : 1));
contours.sort((a, b) => (a.code < b.code ? -1 : 1));
Object.assign(programme.department, { laureateCount: communes.length, intercommunalityCount: epcis.length, ortConventionCount: epcis.length });

// The integrity rules want every listed source cited and every cited source listed: keep exactly the cited ones.
const cited = new Set<string>();
JSON.stringify([programme, communes, epcis, conventions, measures, fundingLinks, contours], (key, value: unknown) => {
  if (key === 'sources' && Array.isArray(value)) value.forEach((id) => cited.add(String(id)));
  return value;
});
const missing = [...cited].filter((id) => !dataset.sources.some((source) => source.id === id));
if (missing.length > 0) throw new Error(`data/dataset.json no longer lists the sources ${missing.join(', ')}; update bench/generate.ts`);
// Files this generator does not synthesise (a collection added later) are copied from the template as they are.
const copied = Object.fromEntries(
  Object.entries(dataFiles)
    .filter(([key]) => !['dataset', 'programme', 'communes', 'intercommunalities', 'conventions', 'measures', 'fundingLinks'].includes(key))
    .map(([key, spec]) => [key, JSON.parse(readFileSync(join(templateDir, spec.file), 'utf8')) as unknown]),
);
const output: CuratedData = {
  ...(copied as unknown as CuratedData),
  dataset: {
    ...dataset,
    id: `petites-villes-de-demain-bench-${count}`,
    title: `Petites villes de demain — synthetic benchmark data (${count} communes)`,
    description: `Synthetic data written by bench/generate.ts for benchmarks: ${count} laureate towns, ${epcis.length} intercommunalities and their conventions. Names, codes and figures are made up; only the measures, funding links and programme text come from the curated data.`,
    sources: dataset.sources.filter((source) => cited.has(source.id)),
  },
  programme,
  communes,
  intercommunalities: epcis,
  conventions,
  measures,
  fundingLinks,
  contours,
};

// One record per line: diffable like the curated files, but far smaller than indented JSON at 35,000 communes.
const files = Object.entries(dataFiles).map(([key, spec]) => [spec.file, output[key as keyof CuratedData]] as const);
mkdirSync(outDir, { recursive: true });
for (const [file, value] of files) {
  const text = Array.isArray(value) ? `[\n${value.map((record) => JSON.stringify(record)).join(',\n')}\n]\n` : `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(join(outDir, file), text);
}
const memberCount = epcis.reduce((sum, epci) => sum + epci.memberCount, 0);
console.log(`Wrote ${outDir}: ${communes.length} communes, ${epcis.length} intercommunalities (${memberCount} members), ${conventions.length} conventions.`);

// Reads data/, validates every file against its schema, and returns the curated records with the dataset version.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { dataFiles, type CuratedData, type DataFile } from '../schemas/data-files.js';
import { checkGeometry } from './geometry.js';
import { checkIntegrity } from './integrity.js';
import { DataError, type DataProblem } from './problems.js';

export type { CuratedData };

export interface LoadedData {
  data: CuratedData;
  /** Content hash of data/: the dataset version. */
  version: string;
}

const checkers = new Map<TObject, TypeCheck<TObject>>();
function checker(schema: TObject): TypeCheck<TObject> {
  let check = checkers.get(schema);
  if (!check) checkers.set(schema, (check = TypeCompiler.Compile(schema)));
  return check;
}

/** Hash of the files `paths` (relative to `root`): their names and contents, in name order. */
export function filesHash(root: string, paths: string[]): string {
  const hash = createHash('sha256');
  for (const path of [...paths].sort())
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(root, path)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Content hash of the JSON files of `dir`: changes whenever any byte of the data changes. */
export function dataVersion(dir: string): string {
  return filesHash(
    dir,
    readdirSync(dir).filter((file) => file.endsWith('.json')),
  );
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function parseFile(dir: string, file: string, problems: DataProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    problems.push({ file, path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    problems.push({ file, path: '', message: `is not valid JSON${where}: ${message}` });
    return undefined;
  }
}

function validateRecord(spec: DataFile, value: unknown, record: string | undefined, prefix: string, problems: DataProblem[]) {
  const check = checker(spec.schema);
  if (check.Check(value)) return;
  const seen = new Set<string>();
  for (const error of check.Errors(value)) {
    const key = `${error.path}\0${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file: spec.file, record, path: `${prefix}${error.path}`, message: `${error.message} (found ${JSON.stringify(error.value) ?? 'nothing'})` });
  }
}

function validateFile(spec: DataFile, value: unknown, problems: DataProblem[]) {
  if (!spec.id) return validateRecord(spec, value, undefined, '', problems);
  if (!Array.isArray(value)) {
    problems.push({ file: spec.file, path: '', message: 'must be a JSON array of records' });
    return;
  }
  const ids = new Map<string, number>();
  value.forEach((item, index) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[spec.id as string] : undefined;
    const record = typeof id === 'string' ? id : `#${index}`;
    validateRecord(spec, item, record, '', problems);
    if (typeof id !== 'string') return;
    const first = ids.get(id);
    if (first !== undefined) {
      problems.push({ file: spec.file, record, path: `/${index}/${spec.id}`, message: `duplicate id "${id}" (first used by record #${first})` });
    } else ids.set(id, index);
  });
}

/** Loads, validates and cross-checks data/; throws a DataError listing every problem found. */
export function loadData(dir: string): LoadedData {
  const problems: DataProblem[] = [];
  const data: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(dataFiles) as [string, DataFile][]) {
    const value = parseFile(dir, spec.file, problems);
    if (value === undefined) continue;
    validateFile(spec, value, problems);
    data[key] = value;
  }
  if (problems.length === 0) problems.push(...checkIntegrity(data as CuratedData));
  if (problems.length === 0) problems.push(...checkGeometry(data as CuratedData));
  if (problems.length > 0) throw new DataError(problems);
  return { data: data as CuratedData, version: dataVersion(dir) };
}

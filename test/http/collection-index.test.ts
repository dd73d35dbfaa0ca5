// The in-memory index answers every list query as the SQL does: the same total and the same rows in the same order
// (ranking ties included), on generated queries of every collection's grammar, over the real data and over a
// synthetic national-style data set (many homonyms, "Saint-" names, tied populations).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { projectRoot } from '../../src/config.js';
import { buildDatabase } from '../../src/build/database.js';
import { collections } from '../../src/resources/index.js';
import type { AnyCollection as Collection } from '../../src/resources/collection.js';
import { getTableName } from 'drizzle-orm';
import { fold, matchExpression } from '../../src/db/search.js';
import { listParameters, maxLimit } from '../../src/query/parameters.js';
import { parameterValidation } from '../../src/query/validation.js';
import { listQuery } from '../../src/query/query.js';
import { readColumn, readSearchRows, recordsOf, selectWithSql, type Db } from '../../src/query/sql.js';
import { indexOf, selectPage } from '../../src/query/collection-index.js';
import { textSearch } from '../../src/query/text-index.js';
import { migrationsDir, sharedDatabase, tempDir } from '../helper.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261201;

/** Values of the data to draw from, so that generated filters and searches select something (and sometimes nothing). */
function vocabulary(db: Db, collection: Collection) {
  const filterValues = Object.fromEntries(
    Object.entries(collection.filters).map(([name, filter]) => {
      const stored = readColumn(db, collection, filter.column).map(([, value]) => value);
      const values = filter.op === 'contains' ? stored.flatMap((value) => JSON.parse(value as string) as unknown[]) : stored;
      return [name, [...new Set(values.map(String))]];
    }),
  );
  const rows = readSearchRows(db, collection).map(([, , name, body]) => `${name} ${body}`.split(' ').filter(Boolean));
  return { filterValues, rows };
}

/** Prefixes of one to three words of one row: a search that matches that row at least. */
const wordsOfOneRow = (rows: string[][]) =>
  fc
    .constantFrom(...rows)
    .chain((words) => fc.subarray(words, { minLength: 1, maxLength: Math.min(3, words.length) }))
    .chain((words) => fc.tuple(...words.map((word) => fc.integer({ min: 1, max: word.length }).map((length) => word.slice(0, length)))));

/** A query string of the collection's grammar, as a client could send it. */
function queryArbitrary(collection: Collection, { filterValues, rows }: ReturnType<typeof vocabulary>) {
  const filter = (name: string) => {
    const { op } = collection.filters[name] as Collection['filters'][string];
    const known = filterValues[name] as string[];
    if (op === 'nonzero') return fc.constantFrom('true', 'false');
    const one = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.constantFrom(...known).map((value) => value.replace(/.$/, '0')) },
    );
    if (op === 'in' || op === 'contains') return fc.uniqueArray(one, { minLength: 1, maxLength: 3 }).map((values) => values.join(','));
    return one;
  };
  const words = fc.oneof(
    { weight: 6, arbitrary: wordsOfOneRow(rows) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...rows.flat()), { minLength: 1, maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom('st', 'Ste', 'SAINT', 'Bagnères', "l'Arros", 'œuvre', 'zzq', 'de', 'la', '65', '(…)'), {
        minLength: 1,
        maxLength: 3,
      }),
    },
  );
  const keys = Object.keys(collection.sort);
  // At most two filters: more, and most results would be empty.
  const filters = fc
    .subarray(Object.keys(collection.filters), { maxLength: 2 })
    .chain((names) => fc.tuple(...names.map(filter)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i] as string]))));
  const rest = fc.record(
    {
      q: words.chain((list) => fc.constantFrom(list.join(' '), list.join('-'))),
      sort: fc
        .array(fc.tuple(fc.constantFrom(...keys), fc.boolean()), { minLength: 1, maxLength: 3 })
        .map((list) => list.map(([key, down]) => `${down ? '-' : ''}${key}`).join(',')),
      limit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: maxLimit })).map(String),
      // Mostly the first pages; sometimes anywhere, or past the end.
      offset: fc
        .oneof(
          { weight: 4, arbitrary: fc.constant(0) },
          { weight: 4, arbitrary: fc.integer({ min: 0, max: rows.length >> 2 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: rows.length + 10 }) },
        )
        .map(String),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(filters, rest).map(([chosen, others]): Record<string, string> => ({ ...chosen, ...others }));
}

function agree(t: Test, databasePath: string, runs: number) {
  const db = drizzle(new Database(databasePath, { readonly: true, fileMustExist: true }));
  t.teardown(() => db.$client.close());
  for (const collection of collections) {
    // The route's own validation: what Fastify hands the route, coerced as it would be.
    const validation = parameterValidation(listParameters(collection));
    const validate = validation.validatorCompiler({ schema: validation.schemas.querystring, httpPart: 'querystring', method: 'GET', url: '/' }) as (
      data: unknown,
    ) => { value?: Record<string, unknown> };
    const index = indexOf(db, collection);
    let [compared, withRows] = [0, 0];
    const property = fc.property(queryArbitrary(collection, vocabulary(db, collection)), (raw) => {
      const validated = validate({ ...raw });
      // A generated search may hold no letter or digit (the grammar refuses it): not a query to compare.
      fc.pre(validated.value !== undefined);
      const query = listQuery(collection, validated.value as Record<string, unknown>);
      const page = { limit: query.page.limit ?? 50, offset: query.page.offset };
      const expected = selectWithSql(db, collection, query.selection, page);
      const actual = selectPage(index, query.selection, page);
      if (actual.total !== expected.total || actual.recordIds.join() !== expected.recordIds.join()) {
        throw new Error(`${collection.name}?${new URLSearchParams(raw).toString()}: SQL ${JSON.stringify(expected)}, index ${JSON.stringify(actual)}`);
      }
      compared++;
      if (expected.recordIds.length > 0) withRows++;
    });
    fc.assert(property, { numRuns: runs, seed });
    // The comparison means something only if many generated queries are valid and many pages hold rows.
    t.ok(compared > runs / 2 && withRows > compared / 3, `${collection.name}: ${compared} generated queries agree, ${withRows} with rows on their page`);
  }
}

t.test('the real data: every collection', async (t) => {
  agree(t, sharedDatabase(), 400);
});

t.test('a synthetic data set of 300 communes: every collection', async (t) => {
  const dir = tempDir(t);
  execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench/generate.ts'), '--communes', '300', '--out', join(dir, 'data')]);
  buildDatabase({ dataDir: join(dir, 'data'), databasePath: join(dir, 'db.sqlite'), migrationsDir });
  agree(t, join(dir, 'db.sqlite'), 400);
});

t.test("bm25: the index's score of every match is SQLite's, to the last bit", async (t) => {
  const db = drizzle(new Database(sharedDatabase(), { readonly: true, fileMustExist: true }));
  t.teardown(() => db.$client.close());
  for (const collection of collections) {
    const index = indexOf(db, collection);
    const table = getTableName(collection.table);
    const scores = db.$client.prepare(
      `SELECT c.record_id AS recordId, bm25("${table}_search") AS score FROM "${table}" c JOIN "${table}_search" ON "${table}_search".rowid = c.rowid WHERE "${table}_search" MATCH ?`,
    );
    const search = wordsOfOneRow(vocabulary(db, collection).rows);
    let compared = 0;
    for (const words of fc.sample(search, { numRuns: 60, seed })) {
      const expected = new Map((scores.all(matchExpression(words)) as { recordId: number; score: number }[]).map((row) => [row.recordId, row.score]));
      const found = textSearch(index.text, words, index.ln);
      const actual = new Map<number, number>();
      for (const row of found.rows) actual.set(index.recordIds[row] as number, found.bm25(row));
      t.strictSame(actual, expected, `${collection.name}: ${words.join(' ')}`);
      compared += expected.size;
    }
    t.ok(compared >= 60, `${collection.name}: ${compared} scores compared`);
  }
});

t.test('searches and ties that a ranking must get right', async (t) => {
  const db = drizzle(new Database(sharedDatabase(), { readonly: true, fileMustExist: true }));
  t.teardown(() => db.$client.close());
  const members = collections.find((collection) => collection.name === 'members') as Collection;
  for (const q of ['saint', 'st', 'sainte marie', 'la', 'b', 'trie', 'marsac', 'saint saint', fold('Lalanne-Trie')]) {
    for (const sort of [undefined, 'population', '-department,name']) {
      const query = listQuery(members, { q, ...(sort ? { sort } : {}) });
      const page = { limit: 7, offset: 2 };
      t.strictSame(selectPage(indexOf(db, members), query.selection, page), selectWithSql(db, members, query.selection, page), `q=${q} sort=${sort}`);
    }
  }
});

t.test("a page's records: each id's, in the order of the ids, whatever order SQLite reads them in", async (t) => {
  const db = drizzle(new Database(sharedDatabase(), { readonly: true, fileMustExist: true }));
  t.teardown(() => db.$client.close());
  const one = db.$client.prepare('SELECT record FROM records WHERE id = ?').pluck();
  const ids = db.$client.prepare('SELECT id FROM records').pluck().all() as number[];
  const pages = fc.sample(fc.array(fc.constantFrom(...ids), { maxLength: 60 }), { numRuns: 50, seed });
  for (const page of [[], [...ids].reverse().slice(0, 100), ...pages]) {
    const read = recordsOf(db, page).map((record) => record.toString());
    t.strictSame(
      read,
      page.map((id) => one.get(id) as string),
      `${page.length} ids`,
    );
  }
});

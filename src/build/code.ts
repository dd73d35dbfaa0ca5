// The code that builds the database, as a hash: a database built by other code is rebuilt (src/build/database.ts).
// That code is src/build/database.ts and every module of src/ it imports, transitively; esbuild, which bundles dist/,
// lists them. Run from the sources (tsx, tests), the hash is computed here; the bundles carry the hash of the sources
// they were built from (scripts/build.ts defines DATABASE_CODE_HASH), since src/ is not beside them in the image.
// Either way the same sources give the same hash, so a database built from src/ is current for dist/ and back.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesHash } from './load.js';

/** Set by the bundler to `databaseCodeHash()` of the sources of the bundle; undefined when run from the sources. */
declare const DATABASE_CODE_HASH: string | undefined;

/** The files under `root` that the database build is made of: src/build/database.ts and the modules it imports, transitively. */
function databaseSources(root: string): string[] {
  // esbuild is a development dependency: required only here, when running from the sources.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const { metafile } = esbuild.buildSync({
    entryPoints: [join(root, 'src/build/database.ts')],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs).sort();
}

let computed: string | undefined;

/** Hash of the code that builds the database. */
export function databaseCodeHash(): string {
  if (typeof DATABASE_CODE_HASH === 'string') return DATABASE_CODE_HASH;
  // From the sources: this module is src/build/code.ts.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return (computed ??= filesHash(root, databaseSources(root)));
}

// `npm run build`: bundles the server and the database command into dist/ with esbuild, and lists in dist/inputs.json
// what they were built from, so that `npm start` (scripts/start.js) rebuilds only when one of those files changed.
// One bundle loads in a third of the time of the hundreds of modules it replaces (README, Performance).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { databaseCodeHash } from '../src/build/code.js';
import { projectRoot } from '../src/config.js';

/** The files beside the sources that shape the bundles: dependencies' versions, compiler settings, this script. */
const settings = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts'];

const sha256 = (path: string) =>
  createHash('sha256')
    .update(readFileSync(join(projectRoot, path)))
    .digest('hex');

function files(dir: string): string[] {
  return readdirSync(join(projectRoot, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(projectRoot, path)).isDirectory() ? files(path) : [path];
  });
}

const started = performance.now();
// Hashed before bundling: a file edited while esbuild runs then differs from its listed hash, and the next start rebuilds.
const before = new Map([...files('src'), ...settings].map((path) => [path, sha256(path)]));
rmSync(join(projectRoot, 'dist'), { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: projectRoot,
  entryPoints: { server: 'src/server.ts', 'cli/build-database': 'src/cli/build-database.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // Left out of the bundle, loaded from node_modules: packages that read their own files at run time (the native
  // addon of better-sqlite3; the static files of Swagger UI, which @fastify/swagger-ui finds beside its code).
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  // The CommonJS packages inside an ES module bundle call require() for Node's built-in modules.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module';\nconst require = bundleRequire(import.meta.url);" },
  define: { DATABASE_CODE_HASH: JSON.stringify(databaseCodeHash()) },
});
// Packages are not listed (hundreds of files): their versions are package-lock.json's.
const inputs = Object.keys(metafile.inputs).filter((path) => !/(^|\/)node_modules\//.test(path));
const listed = Object.fromEntries([...inputs, ...settings].sort().map((path) => [path, before.get(path) ?? 'read during the build']));
writeFileSync(join(projectRoot, 'dist/inputs.json'), `${JSON.stringify({ inputs: listed }, null, 2)}\n`);
console.error(`Built ${relative(process.cwd(), join(projectRoot, 'dist')) || 'dist'}/ in ${Math.round(performance.now() - started)} ms.`);

// ts-node's transpiler for tap (named in tsconfig.json, "ts-node"): esbuild, as in `npm run build` and tsx, instead of
// TypeScript's transpileModule, which cost each test process over a second of CPU. Types are checked by
// `npm run typecheck`, not here (tap runs TypeScript transpile-only either way).
const { transformSync } = require('esbuild');

exports.create = function create() {
  return {
    transpile(input, { fileName }) {
      const { code, map } = transformSync(input, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: fileName, sourcemap: 'external' });
      return { outputText: code, sourceMapText: map };
    },
  };
};

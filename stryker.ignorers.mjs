// Mutation testing: mutants Stryker leaves out of the run, and why.
// `documentation`: the `description` and `examples` of the query grammar's TypeBox schemas (src/query/) only
// document the OpenAPI parameters; test/openapi.test.ts checks them against the committed openapi.yaml, a test too
// slow to run for every mutant. Elsewhere (src/config.ts, whose descriptions are part of its error messages) they
// are mutated and tested.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const documentation = new Set(['description', 'examples']);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'documentation', {
    shouldIgnore(path) {
      const file = path.hub?.file?.opts?.filename ?? '';
      if (!/[\\/]src[\\/]query[\\/]/.test(file)) return undefined;
      if (!path.isObjectProperty()) return undefined;
      const key = path.node.key;
      const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
      return name && documentation.has(name) ? 'Documentation of an OpenAPI parameter (checked by test/openapi.test.ts)' : undefined;
    },
  }),
];

// ESLint with typescript-eslint's type-aware rules (https://typescript-eslint.io/getting-started/typed-linting);
// formatting is Prettier's (`npm run format`), so no stylistic rule here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of src/, top to bottom: a folder imports only from the layers below it (DESIGN: dependencies point one
// way). server.ts, app.ts, cli/, routes/ and plugins/ sit on top of all.
const layers = [['pages'], ['build', 'query'], ['formats'], ['resources'], ['db', 'geometry'], ['schemas']];
const above = (index) => ['routes', 'plugins', 'cli', ...layers.slice(0, index).flat()];
const oneWay = layers.flatMap((folders, index) =>
  folders.map((folder) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...above(index), ...folders.filter((other) => other !== folder)].map((name) => `**/${name}/*`),
              message: `src/${folder}/ imports only from the layers below it (${layers
                .slice(index + 1)
                .flat()
                .join(', ')}): dependencies point one way (eslint.config.js).`,
            },
            { group: ['**/app.js', '**/server.js'], message: 'The application is assembled above every layer.' },
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'var/', 'coverage/', '.tap/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Fastify plugins and tap tests are async functions by convention, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Collections of different item types meet as Collection<any> (src/resources/collection.ts), so values read
    // through a collection's schema or items are `any` to the checker; their shapes are checked by TypeBox at build.
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tests read JSON bodies of any shape.
    files: ['test/**/*.ts'],
    rules: {
      // tap collects the promises of t.test itself.
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A cast on a parsed body documents the shape the test expects.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  ...oneWay,
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    // CommonJS where a tool requires a module: ts-node loads test/ts-transpiler.cjs with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

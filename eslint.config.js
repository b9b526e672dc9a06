// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The package graph is one-way: schema → core → {sync-server, client} → e2e.
 * Each entry lists what a package must never import, so a stray import fails CI.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
];
const layers = [
  {
    files: ['schema/**/*.ts'],
    banned: ['@hearth/core', '@hearth/sync-server', '@hearth/client', ...nodeBuiltins],
  },
  {
    files: ['core/src/**/*.ts'],
    banned: ['@hearth/sync-server', '@hearth/client', ...nodeBuiltins],
  },
  { files: ['sync-server/**/*.ts'], banned: ['@hearth/client', '@hearth/e2e'] },
  {
    files: ['client/**/*.{ts,tsx}'],
    banned: ['@hearth/sync-server', '@hearth/e2e', ...nodeBuiltins],
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/dev-dist/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The project service finds each file's nearest tsconfig.json; the packages' build configs
        // leave tests and benches out, so the `tsconfig.check.json` files that typecheck them are
        // named here instead of linting those files without types.
        projectService: false,
        project: [
          'schema/tsconfig.check.json',
          'core/tsconfig.check.json',
          'sync-server/tsconfig.check.json',
          'client/tsconfig.json',
          'e2e/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Many functions are async to fit an interface that expects a promise (repositories, route
      // handlers, RxDB hooks) without awaiting anything themselves: the rule would force wrappers.
      '@typescript-eslint/require-await': 'off',
      // `'today' | LocalDate` and `'retry' | string` name the values a reader should expect.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hearth/*/src/*', '@hearth/*/dist/*'],
              message: 'Import a package by its name, never its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // React contexts hand out closures declared with method syntax; none of them uses `this`.
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // `void promise()` in a screen silences `no-floating-promises` and drops the failure: the
    // person clicks and nothing happens. Every async handler goes through `useAction`, which
    // shows the failure next to its control. An in-app `navigate` has nothing to fail on.
    files: ['client/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'UnaryExpression[operator="void"][argument.type="CallExpression"]:not([argument.callee.name="navigate"])',
          message:
            'Do not `void` a promise in a component: run it with `useAction` (client/src/components/useAction.ts) and show its `error`.',
        },
      ],
    },
  },
  {
    // Configuration and build scripts outside every package's tsconfig: linted without types.
    files: ['**/*.{js,mjs,cjs}', '*.config.ts', 'client/vite*.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read `app.inject().json()` and parsed fixtures, typed `any` by their libraries, and
    // assert on their shape: the unsafe-any rules would ask for a cast before every expectation.
    files: ['**/*.test.{ts,tsx}', '**/*.test-helpers.ts', '**/test-support/**', '**/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  ...layers.map(({ files, banned }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hearth/*/src/*', '@hearth/*/dist/*'],
              message: 'Import a package by its name, never its internals.',
            },
            {
              group: banned,
              message: 'This import breaks the one-way package graph (see ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  })),
  {
    // Tests of the pure packages may use Node (fast-check seeds, file fixtures) but shipped code may not.
    files: ['core/src/**/*.test.ts', 'core/bench/**/*.ts', 'schema/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The client's tests against the real server spawn it and create its database, so they may
    // use Node; they still reach the server only over the network, never by importing it.
    files: [
      'client/**/*.server.test.ts',
      'client/src/sync/test-support/realServer.ts',
      // The fault suite runs servers, a worker and PostgreSQL as processes and proxies them.
      'client/src/chaos/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hearth/*/src/*', '@hearth/*/dist/*'],
              message: 'Import a package by its name, never its internals.',
            },
            {
              group: ['@hearth/sync-server', '@hearth/e2e'],
              message: 'Talk to the server over HTTP and WebSocket, never by importing it.',
            },
          ],
        },
      ],
    },
  },
);

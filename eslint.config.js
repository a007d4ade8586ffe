// Flat config: typescript-eslint + eslint-plugin-svelte recommended, no type-aware rules (slow on 2 cores).
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import ts from 'typescript-eslint';

const envMessage = 'Read configuration through api/src/env.ts (validated once at start), not process.env.';

export default defineConfig(
  {
    ignores: [
      'build/',
      '.build-*/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'web/src/lib/paraglide/',
      'db/migrations/',
      'test-results/',
    ],
  },
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      // Unused `_x` parameters and rest siblings are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // One place reads the environment; everything else gets a typed, validated Env.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: envMessage }],
      'no-restricted-imports': [
        'error',
        { paths: ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: envMessage })) },
      ],
    },
  },
  {
    // Entry points, tooling and tests may read the environment directly.
    files: ['api/src/env.ts', 'test/**', 'vite.config.ts', 'vitest.config.ts', 'web/start.ts', 'db/migrate.ts', 'api/src/seed/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
);

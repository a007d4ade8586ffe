// Flat config: typescript-eslint + eslint-plugin-svelte recommended, no type-aware rules (slow on 2 cores).
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import ts from 'typescript-eslint';

const envMessage =
	'Read configuration through api/src/env.ts (validated once at start), not process.env.';
const envImports = ['process', 'node:process'].map((name) => ({
	name,
	importNames: ['env'],
	message: envMessage
}));
const webApiMessage =
	'Web code reaches the API only through #api/client (enums, names, view types, the typed client), never db/ or api/src/domain/.';
/** The web's imports of the API: #api/client only (#api/runtime in the two modules that boot it). */
const webApiPatterns = (allowRuntime) => [
	{ regex: '^(\\.\\.?/)+(\\.\\./)*(api|db|templates)/', message: webApiMessage },
	{
		regex: allowRuntime ? '^#(db/|api/(?!client$|runtime$))' : '^#(db/|api/(?!client$))',
		message: webApiMessage
	}
];

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
			'test-results/'
		]
	},
	ts.configs.recommended,
	svelte.configs.recommended,
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	{
		rules: {
			// Unused `_x` parameters and rest siblings are deliberate.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// One place reads the environment; everything else gets a typed, validated Env.
			'no-restricted-properties': [
				'error',
				{ object: 'process', property: 'env', message: envMessage }
			],
			'no-restricted-imports': ['error', { paths: envImports }]
		}
	},
	{
		files: ['web/**'],
		rules: {
			'no-restricted-imports': ['error', { paths: envImports, patterns: webApiPatterns(false) }]
		}
	},
	{
		// The one module that boots the runtime (database, lock, API app) for the web server.
		files: ['web/src/lib/server/runtime.ts', 'web/start.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: envImports, patterns: webApiPatterns(true) }]
		}
	},
	{
		// Entry points, tooling and tests may read the environment directly.
		files: [
			'api/src/env.ts',
			'test/**',
			'vite.config.ts',
			'vitest.config.ts',
			'web/start.ts',
			'db/migrate.ts',
			'db/*-cli.ts',
			'api/src/seed/**',
			'bench/**'
		],
		rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' }
	}
);

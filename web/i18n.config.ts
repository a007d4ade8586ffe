import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * Paraglide's compile options, shared by the Vite plugin (dev, build, tests) and `web/compile-i18n.ts`
 * (svelte-check on a fresh clone), so both generate the same `web/src/lib/paraglide/`.
 * The locale lives in a cookie, not the URL: Dutch unless someone switched to English.
 */
export const i18n = {
	project: './web/project.inlang',
	outdir: './web/src/lib/paraglide',
	strategy: ['cookie', 'baseLocale'],
	emitGitIgnore: false,
	emitReadme: false,
	emitPrettierIgnore: false
} satisfies CompilerOptions;

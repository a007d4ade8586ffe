import { compile } from '@inlang/paraglide-js';
import { i18n } from './i18n.config.ts';

/** Generates web/src/lib/paraglide/ outside Vite (svelte-check needs it on a fresh clone). */
await compile(i18n);

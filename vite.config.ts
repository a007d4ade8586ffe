import path from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapterNode from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { i18n } from './web/i18n.config.ts';

/**
 * The server build imports api/, db/ and templates/ from their sources instead of bundling a copy:
 * one module instance per process (one runtime, one database lock) shared with web/start.ts, and
 * `import.meta.url`-relative files (migrations, fonts, templates) keep resolving. Node 24 runs the
 * .ts files directly.
 */
function keepServerSourcesExternal(): Plugin {
	const roots = ['api', 'db', 'templates'].map((dir) => path.resolve(dir) + path.sep);
	return {
		name: 'hoppatee-external-server-sources',
		apply: 'build',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (this.environment.name !== 'ssr' || !importer) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			if (resolved && !resolved.external && roots.some((root) => resolved.id.startsWith(root))) {
				return { id: resolved.id, external: 'absolute' };
			}
			return null;
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin(i18n),
		keepServerSourcesExternal(),
		sveltekit({
			// web/start.ts builds into a temporary directory and swaps it in: rebuilding a served build crashes it.
			adapter: adapterNode({ out: process.env.HOPPATEE_BUILD_OUT || 'build' }),
			files: { src: 'web/src', assets: 'web/static' },
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// SvelteKit's route announcer (a visually hidden live region) carries this inline style.
					'style-src': [
						'self',
						'unsafe-hashes',
						'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
					],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'base-uri': ['self'],
					'object-src': ['none'],
					'frame-ancestors': ['none']
				}
			}
		})
	]
});

/**
 * templates/render/cli.ts as one minified ES module (esbuild), as a print command would ship: the
 * same source, without per-process TypeScript stripping and resolution of ~150 modules, which are
 * most of a cold start (see the label bench's figures, which show both).
 *
 *   .build-print-cli/print.mjs      enables Node's compile cache, then imports the bundle
 *   .build-print-cli/print-cli.mjs  the bundle
 *
 * Two source-level details: `import.meta.dirname` is each module's own folder, and fontkit's tables
 * for full layout and WOFF2 are decoded on first use instead of at load.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, '.build-print-cli');

const sourceDirname: Plugin = {
	name: 'source-dirname',
	setup(b) {
		b.onLoad({ filter: /[\\/](templates[\\/]render|bench[\\/]tmp)[\\/][^\\/]+\.ts$/ }, (args) => ({
			contents: readFileSync(args.path, 'utf8').replaceAll(
				'import.meta.dirname',
				JSON.stringify(path.dirname(args.path))
			),
			loader: 'ts'
		}));
	}
};

/**
 * fontkit decodes tables at load that only full OpenType layout (right-to-left and combining text)
 * or WOFF2 ever read: the Brotli dictionary and four Unicode tries (~40 ms of a cold start). Each
 * is made on first use instead; a pattern that is not found fails the build.
 */
const LAZY_TABLES: [eager: string, lazy: string][] = [
	[
		'dictionary.init(BrotliDecompressBuffer);',
		"Object.defineProperty(dictionary, 'dictionary', { configurable: true, enumerable: true, get() { delete dictionary.dictionary; dictionary.init(BrotliDecompressBuffer); return dictionary.dictionary; } });"
	],
	...['', '$1', '$2', '$3'].flatMap((n): [string, string][] => [
		[`var trieData${n} = pako_1.inflate(base64Arraybuffer_2(base64DeflatedTrie${n}));`, ''],
		[
			`var trie${n} = new unicodeTrie(trieData${n});`,
			`var trie${n} = { t: null, get(c) { return (this.t || (this.t = new unicodeTrie(pako_1.inflate(base64Arraybuffer_2(base64DeflatedTrie${n}))))).get(c); } };`
		]
	])
];
const lazyFontkitTables: Plugin = {
	name: 'lazy-fontkit-tables',
	setup(b) {
		b.onLoad({ filter: /[\\/]@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.umd\.js$/ }, (args) => {
			let source = readFileSync(args.path, 'utf8');
			for (const [eager, lazy] of LAZY_TABLES) {
				if (!source.includes(eager))
					throw new Error(
						`${args.path}: "${eager}" not found (fontkit changed); update bench/support/bundle-print-cli.ts`
					);
				source = source.replace(eager, lazy);
			}
			return { contents: source, loader: 'js' };
		});
	}
};

/** esbuild's options for `entry` bundled into `outfile` (also used to try variants of the command). */
export function buildOptions(entry: string, outfile: string): BuildOptions {
	return {
		entryPoints: [path.resolve(root, entry)],
		outfile,
		bundle: true,
		minify: !process.env.PRINT_CLI_NO_MINIFY,
		platform: 'node',
		format: 'esm',
		target: 'node24',
		plugins: [sourceDirname, lazyFontkitTables],
		logLevel: 'error'
	};
}

/** Builds the bundle (~0.3 s); returns the entry to run with node. */
export async function bundlePrintCli(): Promise<string> {
	mkdirSync(outDir, { recursive: true });
	await build(buildOptions('templates/render/cli.ts', path.join(outDir, 'print-cli.mjs')));
	const entry = path.join(outDir, 'print.mjs');
	writeFileSync(
		entry,
		"import module from 'node:module';\nmodule.enableCompileCache();\nconst { main } = await import('./print-cli.mjs');\nprocess.exit(await main(process.argv.slice(2)));\n"
	);
	return entry;
}

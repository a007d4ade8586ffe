/**
 * What `npm start` hashes to tell whether the build is up to date. api/, db/ and templates/ are
 * imported at run time, not built, so they are not inputs.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const BUILD_INPUTS = [
	'web',
	'package.json',
	'package-lock.json',
	'vite.config.ts',
	'tsconfig.json'
];
/** Generated files and this launcher are not inputs. */
const IGNORED = ['web/src/lib/paraglide', 'web/start.ts', 'web/build-inputs.ts'];
/**
 * Of the inlang project only its settings are an input: Paraglide writes its own state beside them
 * on the first build (.lix/, cache/, .meta.json, README.md, .gitignore), which would otherwise make
 * the second start build again.
 */
const INLANG_PROJECT = 'web/project.inlang/';
const INLANG_SETTINGS = 'web/project.inlang/settings.json';

export function sourceHash(root: string): string {
	const hash = createHash('sha256');
	const visit = (relative: string) => {
		if (IGNORED.includes(relative)) return;
		if (relative.startsWith(INLANG_PROJECT) && relative !== INLANG_SETTINGS) return;
		const absolute = path.join(root, relative);
		const stat = fs.statSync(absolute, { throwIfNoEntry: false });
		if (!stat) return;
		if (stat.isDirectory()) {
			for (const name of fs.readdirSync(absolute).sort()) {
				if (name === 'node_modules' || name === '.DS_Store') continue;
				visit(path.posix.join(relative, name));
			}
		} else if (stat.isFile()) {
			hash.update(`${relative}\0`).update(fs.readFileSync(absolute)).update('\0');
		}
	};
	for (const input of BUILD_INPUTS) visit(input);
	return hash.digest('hex');
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceHash } from '../../../web/build-inputs.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-inputs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (relative: string, text: string) => {
	fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
	fs.writeFileSync(path.join(root, relative), text);
};

describe('the build inputs npm start hashes', () => {
	write('package.json', '{}');
	write('web/src/app.html', '<html></html>');
	write('web/project.inlang/settings.json', '{"baseLocale":"nl"}');

	it('ignore what Paraglide writes into the inlang project on the first build, so the second start does not build again', () => {
		const before = sourceHash(root);
		write('web/project.inlang/.lix/state.db', 'lix');
		write('web/project.inlang/cache/plugins/abc', 'plugin');
		write('web/project.inlang/.meta.json', '{}');
		write('web/project.inlang/README.md', '# inlang');
		write('web/project.inlang/.gitignore', 'cache');
		write('web/src/lib/paraglide/messages.js', 'generated');
		expect(sourceHash(root)).toBe(before);
	});

	it('still see a change to the sources or the inlang settings', () => {
		const before = sourceHash(root);
		write('web/project.inlang/settings.json', '{"baseLocale":"en"}');
		const settingsChanged = sourceHash(root);
		expect(settingsChanged).not.toBe(before);
		write('web/src/app.html', '<html lang="nl"></html>');
		expect(sourceHash(root)).not.toBe(settingsChanged);
	});
});

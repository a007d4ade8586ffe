/**
 * `npm ci` refuses a package-lock.json in which a package names an optional dependency that has
 * no entry of its own. `npm install` leaves such gaps when the registry lacks a platform build
 * (seen with @lix-js/sdk 0.17.0: no darwin/win32/linux-arm64 packages). Such a build is never
 * installed here anyway, so an entry that states its platform is enough for `npm ci` to skip it.
 *
 *   node .ci/lockfile.mjs --check   list the gaps, exit 1 if any (part of `npm test`)
 *   node .ci/lockfile.mjs           fill them (run after `npm install` when --check complains)
 */
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const check = process.argv.includes('--check');

function platformOf(name) {
	const os = /darwin/.test(name)
		? 'darwin'
		: /win32/.test(name)
			? 'win32'
			: /freebsd/.test(name)
				? 'freebsd'
				: 'linux';
	const cpu = /arm64/.test(name) ? 'arm64' : /ia32/.test(name) ? 'ia32' : 'x64';
	const libc = /musl/.test(name) ? ['musl'] : /-gnu\b/.test(name) ? ['glibc'] : undefined;
	return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc } : {}) };
}

const gaps = [];
for (const [at, entry] of Object.entries(lock.packages)) {
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		// Node resolution: the dependency may sit next to the dependant or in any ancestor node_modules.
		let dir = at;
		let found = false;
		while (!found) {
			found = Boolean(lock.packages[`${dir ? `${dir}/` : ''}node_modules/${dep}`]);
			if (!dir) break;
			const cut = dir.lastIndexOf('/node_modules/');
			dir = cut === -1 ? '' : dir.slice(0, cut);
		}
		if (!found) gaps.push({ key: `node_modules/${dep}`, version, dev: entry.dev === true });
	}
}

if (check) {
	if (gaps.length === 0) {
		console.log('package-lock.json: every optional dependency has an entry');
		process.exit(0);
	}
	console.error(
		`package-lock.json: ${gaps.length} optional dependencies without an entry; \`npm ci\` would refuse it. Run: node .ci/lockfile.mjs`
	);
	for (const gap of gaps) console.error(`  ${gap.key}@${gap.version}`);
	process.exit(1);
}

for (const gap of gaps) {
	lock.packages[gap.key] = {
		version: gap.version,
		...(gap.dev ? { dev: true } : {}),
		optional: true,
		...platformOf(gap.key)
	};
	console.log(`added ${gap.key}@${gap.version}`);
}
const entries = Object.entries(lock.packages).sort(([a], [b]) =>
	a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0
);
lock.packages = Object.fromEntries(entries);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${gaps.length} entries added`);

/**
 * `npm run bench`: every benchmark file directly under bench/ (not bench/support/), one after the
 * other, each in its own Node 24 process. Exit 1 when any fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const node = path.resolve(dir, '../node_modules/.bin/node');
const benches = readdirSync(dir)
	.filter((f) => f.endsWith('.ts') && f !== 'run.ts')
	.sort();
let failed = 0;
for (const file of benches) {
	console.log(`\n━━ bench/${file}`);
	const r = spawnSync(node, [path.join(dir, file)], { stdio: 'inherit' });
	if (r.status !== 0) {
		failed++;
		console.log(`bench/${file}: exit ${r.status ?? r.signal}`);
	}
}
console.log(`\n${benches.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

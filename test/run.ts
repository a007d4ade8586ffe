/**
 * `npm test`: every check in order, output streamed, all steps run even after a failure, then a
 * summary. The last line is always `<n> passed, <m> failed` (steps, not tests); exit 1 on any failure.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { containerEngine } from './container/engine.ts';
import { findChromium } from './e2e/support/browser.ts';

const root = path.resolve(import.meta.dirname, '..');
type Result = { name: string; status: 'PASS' | 'FAIL' | 'SKIP'; seconds: number; note?: string };
const results: Result[] = [];

async function step(name: string, command: string, args: string[]): Promise<void> {
	console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
	const started = performance.now();
	const code = await new Promise<number>((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
		child.on('error', (error) => {
			console.error(`${name}: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
	});
	results.push({
		name,
		status: code === 0 ? 'PASS' : 'FAIL',
		seconds: (performance.now() - started) / 1000
	});
}

// npm scripts put node_modules/.bin (Node 24) first on PATH; vitest runs on this same Node.
const vitest = [
	path.join(root, 'node_modules/vitest/vitest.mjs'),
	'run',
	'--project',
	'unit',
	'--project',
	'integration'
];

await step('lockfile', process.execPath, ['.ci/lockfile.mjs', '--check']);
await step('check', 'npm', ['run', 'check']);
await step('lint', 'npm', ['run', 'lint']);
await step('vitest', process.execPath, vitest);
if (findChromium()) {
	await step('e2e', 'npm', ['run', 'test:e2e']);
} else {
	console.log(
		'e2e: skipped — no Chromium found; install it with: apt-get install -y chromium (or set CHROMIUM_PATH)'
	);
	// A CI machine without a browser is a broken CI machine, not a pass.
	results.push({
		name: 'e2e',
		status: process.env.CI === 'true' ? 'FAIL' : 'SKIP',
		seconds: 0,
		note: 'no Chromium'
	});
}

// The image is built where a container engine answers; elsewhere (and in CI without one) it is a skip, not a failure.
const { engine, why } = containerEngine();
if (engine) {
	await step('image', process.execPath, ['test/container/build-image.ts', engine]);
} else {
	console.log(`image: skipped — no container engine answers (${why})`);
	results.push({ name: 'image', status: 'SKIP', seconds: 0, note: 'no container engine' });
}

console.log('\n━━ summary');
for (const r of results)
	console.log(
		`${r.status}  ${r.name.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`
	);
const passed = results.filter((r) => r.status === 'PASS').length;
const failed = results.filter((r) => r.status === 'FAIL').length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/**
 * `npm run test:e2e`: start the app as `npm start` does (building if needed) on a free port with a fresh
 * data dir, run the vitest `e2e` project against it (E2E_BASE_URL), stop the server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startApp } from './support/app.ts';
import { findChromium } from './support/browser.ts';

const root = path.resolve(import.meta.dirname, '../..');
const chromiumPath = findChromium();
if (!chromiumPath) {
	console.error(
		'e2e: no Chromium found; install it with: apt-get install -y chromium (or set CHROMIUM_PATH)'
	);
	process.exit(1);
}

const started = performance.now();
const app = await startApp();
console.log(
	`e2e: app healthy at ${app.baseUrl} after ${((performance.now() - started) / 1000).toFixed(1)} s`
);

const stopAndExit = (code: number) => void app.stop().finally(() => process.exit(code));
process.once('SIGINT', () => stopAndExit(130));
process.once('SIGTERM', () => stopAndExit(143));

const vitest = spawn(
	process.execPath,
	[
		path.join(root, 'node_modules/vitest/vitest.mjs'),
		'run',
		'--project',
		'e2e',
		...process.argv.slice(2)
	],
	{
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, E2E_BASE_URL: app.baseUrl, CHROMIUM_PATH: chromiumPath }
	}
);
const code = await new Promise<number>((resolve) =>
	vitest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)))
);

if (code !== 0) {
	// The server's side of a failure is usually the interesting part.
	fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
	fs.writeFileSync(path.join(root, 'test-results/e2e-server.log'), app.output());
	console.error('e2e: server output saved to test-results/e2e-server.log');
}
await app.stop();
process.exit(code);

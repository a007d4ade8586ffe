/** Headless Debian Chromium through playwright-core (no Playwright browser download). */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** CHROMIUM_PATH, else the Debian package's binary. */
export function findChromium(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

export async function launchBrowser(): Promise<Browser> {
	const executablePath = findChromium();
	if (!executablePath)
		throw new Error(
			'No Chromium found; install it with: apt-get install -y chromium (or set CHROMIUM_PATH)'
		);
	return chromium.launch({
		executablePath,
		// --no-sandbox: CI runs as root; the rest keeps a fresh profile quiet and off the network.
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

/** Base URL of the app under test, set by test/e2e/run.ts. */
export function baseUrl(): string {
	const url = process.env.E2E_BASE_URL;
	if (!url) throw new Error('E2E_BASE_URL is not set: run e2e tests with `npm run test:e2e`');
	return url;
}

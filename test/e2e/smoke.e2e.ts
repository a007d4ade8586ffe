import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';

describe('smoke', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('sends an anonymous visitor to the login page', async () => {
		const page = await browser.newPage();
		const response = await page.goto(`${baseUrl()}/`);
		// Screenshot first: it is the most useful artefact when an assertion below fails.
		fs.mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/login.png', fullPage: true });
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(response?.status()).toBe(200);
		await page.locator('input[name=email]').waitFor({ state: 'visible', timeout: 5000 });
		await page.locator('input[name=password]').waitFor({ state: 'visible', timeout: 5000 });
		await page.close();
	});

	it('refuses a cross-origin form POST', async () => {
		// Node's fetch lets us forge the Origin header a browser would send from another site.
		const res = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'admin@example.test', password: 'whatever-it-is' }),
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
	});
});

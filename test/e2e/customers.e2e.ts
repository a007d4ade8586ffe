import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

describe('customers', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('a hub’er pastes a post URL: the customer is created, then found in the list', async () => {
		const page = await loginAs(browser, DEMO.hub);
		await page.getByRole('link', { name: 'Klanten', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/customers');
		await page.waitForLoadState('networkidle');

		// A handle no demo customer has, with a diacritic-free ASCII form (X handles are ASCII).
		const handle = `e2e_${Date.now().toString(36)}`;
		await page.locator('#paste-url').fill(`https://x.com/${handle}/status/1865432198765432101`);
		await Promise.all([
			page.waitForURL(/\/customers\/[0-9a-f-]{36}/),
			page.locator('form[action="?/fromUrl"] button[type=submit]').click()
		]);
		expect(await page.locator('main').innerText()).toContain(handle);
		expect(await page.locator('main .notice--success').count()).toBe(1);

		// Search finds it by handle.
		await open(page, `${baseUrl()}/customers?q=${encodeURIComponent(handle)}`);
		const rows = page.locator('table tbody tr');
		await expect.poll(() => rows.count()).toBe(1);
		expect(await rows.first().innerText()).toContain(handle);
		fs.mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/customers.png', fullPage: true });

		// Pasting the same profile again finds the customer instead of making a second one.
		await open(page, `${baseUrl()}/customers`);
		await page.locator('#paste-url').fill(`https://twitter.com/${handle.toUpperCase()}`);
		await Promise.all([
			page.waitForURL(/\/customers\/[0-9a-f-]{36}/),
			page.locator('form[action="?/fromUrl"] button[type=submit]').click()
		]);
		await open(page, `${baseUrl()}/customers?q=${encodeURIComponent(handle)}`);
		await expect.poll(() => rows.count()).toBe(1);
		await page.context().close();
	});

	it('an unrecognised URL gets a clear error beside the field, and nothing is created', async () => {
		const page = await loginAs(browser, DEMO.hub);
		await open(page, `${baseUrl()}/customers`);
		await page.locator('#paste-url').fill('https://example.com/some/page');
		await page.locator('form[action="?/fromUrl"] button[type=submit]').click();
		await page.locator('#url-error').waitFor({ state: 'visible', timeout: 10_000 });
		expect((await page.locator('#url-error').innerText()).length).toBeGreaterThan(5);
		expect(new URL(page.url()).pathname).toBe('/customers');
		await page.context().close();
	});
});

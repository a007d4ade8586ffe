import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

describe('CSV imports', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('customers: a bad row is shown with its error and blocks the import; fixed, every row is imported', async () => {
		const page = await loginAs(browser, DEMO.hub);
		await open(page, `${baseUrl()}/customers/import`);
		const tag = Date.now().toString(36);
		const rows = [
			`name,email,instagram`,
			`Zoë Ĳsselmeer ${tag},zoe.${tag}@example.nl,zoe_${tag}`,
			`נועה כהן ${tag},not-an-email,noa_${tag}`
		];
		await page.locator('#csv').fill(rows.join('\n'));
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();

		const table = page.locator('table');
		await table.waitFor();
		await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
		const bad = table.locator('tbody tr.row-invalid');
		expect(await bad.count()).toBe(1);
		expect(await bad.innerText()).toContain('email');
		expect(await page.locator('.notice--error').count()).toBeGreaterThan(0);
		const importButton = page.locator('form[action="?/import"] button[type=submit]');
		expect(await importButton.isDisabled()).toBe(true);
		fs.mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/customers-import.png', fullPage: true });

		// Fixed: all valid, the import button says how many, and both customers are there afterwards.
		rows[2] = `נועה כהן ${tag},noa.${tag}@example.nl,noa_${tag}`;
		await page.locator('#csv').fill(rows.join('\n'));
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		await expect.poll(() => table.locator('tbody tr.row-invalid').count()).toBe(0);
		await expect.poll(() => importButton.isDisabled()).toBe(false);
		expect(await importButton.innerText()).toContain('2');
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/customers'),
			importButton.click()
		]);
		expect(await page.locator('main .notice--success').innerText()).toContain('2');

		await open(page, `${baseUrl()}/customers?q=${encodeURIComponent(tag)}`);
		await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
		const list = await page.locator('table tbody').innerText();
		expect(list).toContain(`Zoë Ĳsselmeer ${tag}`);
		expect(list).toContain(`נועה כהן ${tag}`);
		await page.context().close();
	});

	it('reactions: a new handle is shown as a new customer, a bad kind blocks the import; fixed, both are logged', async () => {
		const page = await loginAs(browser, DEMO.hub);
		await open(page, `${baseUrl()}/reactions/import`);
		const tag = Date.now().toString(36);
		const rows = [
			'url,text,posted_at,kind,likes,followers',
			`https://x.com/e2e_${tag}/status/1893000000000000101,Wat een leuke verrassing! 😍,2026-11-20 14:05,post,12,340`,
			`https://x.com/e2e_${tag}/status/1893000000000000102,Dank jullie wel 🎉,2026-11-21 09:30,tweet,3,340`
		];
		await page.locator('#csv').fill(rows.join('\n'));
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		const table = page.locator('table');
		await table.waitFor();
		await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
		expect(await table.locator('tbody tr').first().innerText()).toContain('Nieuwe klant');
		expect(await table.locator('tbody tr.row-invalid').innerText()).toContain('kind');
		const importButton = page.locator('form[action="?/import"] button[type=submit]');
		expect(await importButton.isDisabled()).toBe(true);

		rows[2] = rows[2]!.replace(',tweet,', ',comment,');
		await page.locator('#csv').fill(rows.join('\n'));
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		await expect.poll(() => table.locator('tbody tr.row-invalid').count()).toBe(0);
		await expect.poll(() => importButton.isDisabled()).toBe(false);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/reactions'),
			importButton.click()
		]);
		expect(await page.locator('main .notice--success').innerText()).toContain('2');
		await page.context().close();
	});
});

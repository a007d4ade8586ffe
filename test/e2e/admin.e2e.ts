import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

describe('admin settings', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('an admin changes a setting; a bad value gets its error beside the field and changes nothing', async () => {
		const page = await loginAs(browser, E2E_ADMIN.email, E2E_ADMIN.password);
		await page.getByRole('link', { name: 'Instellingen' }).click();
		await page.waitForURL((url) => url.pathname === '/admin/settings');
		await page.waitForLoadState('networkidle');

		const field = page.locator('#setting-retention_days');
		const section = page.locator('section:has(#setting-retention_days)');
		await field.fill('0');
		await section.getByRole('button', { name: 'Opslaan' }).click();
		await page
			.locator('#setting-retention_days-error')
			.waitFor({ state: 'visible', timeout: 10_000 });
		expect(await page.locator('#setting-retention_days-error').innerText()).toMatch(/1/);

		await field.fill('45');
		await section.getByRole('button', { name: 'Opslaan' }).click();
		await section.locator('.notice--success').waitFor({ state: 'visible', timeout: 10_000 });
		await page.reload();
		await page.waitForLoadState('networkidle');
		expect(await page.locator('#setting-retention_days').inputValue()).toBe('45');

		const weights = page.locator('#setting-score_weights');
		await weights.fill('{ not json');
		await page
			.locator('section:has(#setting-score_weights)')
			.getByRole('button', { name: 'Opslaan' })
			.click();
		await page
			.locator('#setting-score_weights-error')
			.waitFor({ state: 'visible', timeout: 10_000 });
		fs.mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/admin-settings.png', fullPage: true });

		// Back to the default: the reset button disappears once the value is the default again.
		await page.reload();
		await page.waitForLoadState('networkidle');
		await page
			.locator('section:has(#setting-retention_days)')
			.getByRole('button', { name: 'Terug naar standaard' })
			.click();
		await section.locator('.notice--success').waitFor({ state: 'visible', timeout: 10_000 });
		expect(await page.locator('#setting-retention_days').inputValue()).toBe('30');
		await page.context().close();
	});

	it('staff do not see the settings in the menu, and the page tells them it is for admins', async () => {
		const page = await loginAs(browser, DEMO.hub);
		expect(await page.getByRole('link', { name: 'Instellingen' }).count()).toBe(0);
		await open(page, `${baseUrl()}/admin/settings`);
		expect(await page.locator('main').innerText()).toContain('alleen voor beheerders');
		await page.context().close();
	});
});

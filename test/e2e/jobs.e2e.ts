import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

describe('the scheduled jobs page', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('an admin finds it in the menu (no failures on a fresh start); hub staff neither see nor open it', async () => {
		const admin = await loginAs(browser, E2E_ADMIN.email, E2E_ADMIN.password);
		await admin.getByRole('link', { name: 'Geplande taken' }).click();
		await admin.waitForURL((url) => url.pathname === '/admin/jobs');
		await admin.getByRole('heading', { name: 'Geplande taken', level: 1 }).waitFor();
		expect(await admin.getByText('Geen mislukte taken').count()).toBe(1);

		const hub = await loginAs(browser, DEMO.hub);
		expect(await hub.getByRole('link', { name: 'Geplande taken' }).count()).toBe(0);
		await open(hub, `${baseUrl()}/admin/jobs`);
		expect(await hub.locator('.notice').innerText()).toMatch(/beheerder|admin/i);
		expect(await hub.getByText('Geen mislukte taken').count()).toBe(0);
	});
});

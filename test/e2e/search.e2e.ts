/** The header's search box: `/` focuses it, a reference goes straight to its surprise, a name lists what matches. */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs } from './support/session.ts';

describe('searching from the header', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('a reference typed any way opens its surprise; a name shows customers, surprises and reactions', async () => {
		const hub = await loginAs(browser, DEMO.hub);
		const res = await hub.request.get(`${baseUrl()}/api/v1/surprises?limit=1`);
		const [surprise] = (
			(await res.json()) as {
				items: { id: string; reference: string; customer: { name: string } }[];
			}
		).items;
		const number = Number(surprise!.reference.slice(4));

		await hub.locator('main').click();
		await hub.keyboard.press('/');
		expect(await hub.evaluate(() => document.activeElement?.id)).toBe('header-search');
		await hub.keyboard.type(`hop ${number}`);
		await Promise.all([
			hub.waitForURL((url) => url.pathname === `/surprises/${surprise!.id}`),
			hub.keyboard.press('Enter')
		]);
		expect(await hub.locator('h1').innerText()).toContain(surprise!.reference);

		const firstName = surprise!.customer.name.split(' ')[0]!;
		await hub.locator('#header-search').fill(firstName);
		await Promise.all([
			hub.waitForURL((url) => url.pathname === '/search'),
			hub.locator('#header-search').press('Enter')
		]);
		const customers = await hub
			.locator('section[aria-labelledby=found-customers] li')
			.allInnerTexts();
		expect(customers.some((line) => line.includes(firstName))).toBe(true);
		expect(await hub.locator('h1').innerText()).toBe(`Resultaten voor “${firstName}”`);
		fs.mkdirSync('test-results', { recursive: true });
		await hub.screenshot({ path: 'test-results/search.png', fullPage: true });

		await hub.locator('#header-search').fill('zzqx-niemand');
		await Promise.all([
			hub.waitForURL((url) => url.searchParams.get('q') === 'zzqx-niemand'),
			hub.locator('#header-search').press('Enter')
		]);
		expect(await hub.locator('main').innerText()).toContain('Niets gevonden');
		await hub.context().close();
	});
});

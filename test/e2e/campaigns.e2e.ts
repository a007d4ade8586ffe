import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

/** A calendar date in Europe/Amsterdam, `days` from today (campaign dates are Amsterdam dates). */
function amsterdamDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

async function shot(page: Page, name: string) {
	fs.mkdirSync('test-results', { recursive: true });
	await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

const statusBadge = (page: Page) => page.locator('.page-head [data-campaign-status]');

describe('campaigns, gifts and the outbox', () => {
	let browser: Browser;
	const suffix = Date.now().toString(36);
	const campaignName = `Bedankweek e2e ${suffix}`;
	let campaignUrl = '';

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('marketing creates a campaign (field errors first), submits it, and cannot approve it herself', async () => {
		const page = await loginAs(browser, DEMO.marketing);
		await page.goto(`${baseUrl()}/campaigns`);
		await page.getByRole('link', { name: 'Nieuwe campagne' }).first().click();
		await page.waitForURL((url) => url.pathname === '/campaigns/new');

		await page.getByLabel('Naam', { exact: true }).fill(campaignName);
		await page.getByLabel('Soort', { exact: true }).selectOption('theme');
		await page.getByLabel('Begint op').fill(amsterdamDate(10));
		await page.getByLabel('Eindigt op').fill(amsterdamDate(20));
		await page.getByLabel('Budget in euro').fill('twaalfhonderd');
		await page.getByLabel('Persoonlijke kaart').check();
		await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
		// A budget that is not an amount: the message sits beside the field, what was typed stays.
		await page.locator('#budget-error').waitFor({ state: 'visible' });
		expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe(campaignName);
		expect(await page.getByLabel('Budget in euro').getAttribute('aria-invalid')).toBe('true');

		await page.getByLabel('Budget in euro').fill('1.250,50');
		await page.getByLabel(/Automatisch goedkeuren/).fill('10');
		await Promise.all([
			page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?notice=created/),
			page.getByRole('button', { name: 'Campagne aanmaken' }).click()
		]);
		campaignUrl = page.url().split('?')[0]!;
		expect(await page.locator('h1').innerText()).toBe(campaignName);
		expect(await statusBadge(page).getAttribute('data-campaign-status')).toBe('draft');
		// The budget bar says its numbers in text too.
		const budget = await page.locator('section[aria-labelledby=budget-title]').innerText();
		expect(budget).toMatch(/€\s1\.250,50/);
		expect(budget).toContain('Over');

		await Promise.all([
			page.waitForURL(/notice=submitted/),
			page.getByRole('button', { name: 'Indienen ter goedkeuring' }).click()
		]);
		expect(await statusBadge(page).getAttribute('data-campaign-status')).toBe('submitted');

		// The creator may not decide (the API's can flags say so): no decision forms, and the page says why.
		const decide = page.locator('section[aria-labelledby=decide-title]');
		expect(await decide.locator('.notice').innerText()).toMatch(
			/andere collega van marketing beslist/i
		);
		expect(await page.locator('form[action="?/approve"]').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
		expect(await statusBadge(page).getAttribute('data-campaign-status')).toBe('submitted');
		await page.context().close();
	});

	it('the other marketing user approves with a comment; the status and the history show it', async () => {
		const page = await loginAs(browser, DEMO.marketing2);
		await open(page, campaignUrl);
		await page
			.locator('form[action="?/approve"] textarea[name=comment]')
			.fill('Mooi plan, veel plezier ermee!');
		await Promise.all([
			page.waitForURL(/notice=approved/),
			page.getByRole('button', { name: 'Goedkeuren' }).click()
		]);
		expect(await statusBadge(page).getAttribute('data-campaign-status')).toBe('approved');
		expect(await statusBadge(page).innerText()).toBe('goedgekeurd');
		const history = await page.locator('section[aria-labelledby=history-title]').innerText();
		expect(history).toContain('Mooi plan, veel plezier ermee!');
		expect(history).toContain('Jeroen');
		// Decided: no decision forms any more.
		expect(await page.locator('form[action="?/approve"]').count()).toBe(0);
		await shot(page, 'campaign-detail');

		await page.goto(`${baseUrl()}/campaigns?status=approved`);
		expect(await page.locator('table tbody').innerText()).toContain(campaignName);
		await shot(page, 'campaigns');
		await page.context().close();
	});

	it('a hub’er reads campaigns and gifts but gets no buttons that only marketing may use', async () => {
		const page = await loginAs(browser, DEMO.hub);
		await page.goto(campaignUrl);
		expect(await page.locator('h1').innerText()).toBe(campaignName);
		expect(await page.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
		await page.goto(`${baseUrl()}/campaigns`);
		expect(await page.getByRole('link', { name: 'Nieuwe campagne' }).count()).toBe(0);
		await page.goto(`${baseUrl()}/gifts`);
		expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
		expect(await page.getByRole('link', { name: 'Nieuw cadeau' }).count()).toBe(0);
		await page.context().close();
	});

	it('marketing adds a size and counts stock out below its threshold: the low-stock warning shows on /gifts', async () => {
		const page = await loginAs(browser, DEMO.marketing);
		await page.goto(`${baseUrl()}/gifts`);
		await page.getByRole('link', { name: 'Stroopwafelsokken' }).first().click();
		await page.waitForURL(/\/gifts\/[0-9a-f-]{36}/);

		const size = `47–50 ${suffix}`;
		await page.getByLabel('Maat of variant', { exact: true }).last().fill(size);
		await page.locator('#new-variant-stock').fill('8');
		await page.locator('#new-variant-threshold').fill('5');
		await page.getByRole('button', { name: 'Toevoegen' }).click();
		const row = page.locator('tbody tr', { hasText: size });
		await row.waitFor({ state: 'visible' });
		expect(await row.locator('.low-stock-badge').count()).toBe(0);

		await row.getByText('Voorraad aanpassen').click();
		await row.getByLabel(/Erbij of eraf/).fill('-4');
		await row.getByRole('button', { name: 'Voorraad bijwerken' }).click();
		await page
			.locator('section[aria-labelledby=variants-title] .notice--success', {
				hasText: 'nu bijna op'
			})
			.waitFor({ state: 'visible' });
		await row.locator('.low-stock-badge').waitFor({ state: 'visible' });

		await page.goto(`${baseUrl()}/gifts`);
		const warning = page.locator('section[aria-labelledby=low-stock-title]');
		await warning.waitFor({ state: 'visible' });
		expect(await warning.innerText()).toContain(size);
		expect(await warning.innerText()).toContain('nog 4 (drempel 5)');
		await shot(page, 'gifts');
		await page.context().close();
	});

	it('the outbox lists the mails the campaign and the stock change wrote, and shows one as HTML in a sandbox and as text', async () => {
		const page = await loginAs(browser, DEMO.marketing);
		await page.goto(`${baseUrl()}/outbox`);
		const rows = page.locator('table tbody tr');
		await expect.poll(() => rows.count()).toBeGreaterThan(0);
		const listed = await page.locator('table tbody').innerText();
		expect(listed).toContain(campaignName);
		expect(listed).toContain('jeroen.smit@demo.hoppatee.nl');
		await shot(page, 'outbox');

		await Promise.all([
			page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/),
			rows.filter({ hasText: campaignName }).first().getByRole('link').click()
		]);
		expect(await page.locator('h1').innerText()).toContain(campaignName);
		expect(await page.locator('pre.mail-text').innerText()).toContain(campaignName);
		const frame = page.locator('iframe.mail-frame');
		expect(await frame.getAttribute('sandbox')).toBe('');
		// The HTML comes with its own strict CSP (inline styles only, no script, framed by this site only).
		const html = await page.request.get(
			new URL((await frame.getAttribute('src'))!, baseUrl()).toString()
		);
		expect(html.status()).toBe(200);
		expect(html.headers()['content-security-policy']).toContain('sandbox');
		expect(html.headers()['content-security-policy']).toContain("default-src 'none'");
		expect(await html.text()).toContain(campaignName);
		await page.frameLocator('iframe.mail-frame').locator('body').waitFor();
		expect(await page.frameLocator('iframe.mail-frame').locator('body').innerText()).toContain(
			campaignName
		);
		await shot(page, 'outbox-message');
		await page.context().close();
	});
});

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

type Customer = {
	id: string;
	name: string;
	tier: string;
	isStaff: boolean;
	optedOut: boolean;
	handles: { channel: string; handle: string }[];
};

/**
 * A demo customer whose first reaction moves them up a tier: no reactions yet (score 0, tier none),
 * an X handle, counted (not staff, not opted out), and no surprise, so the post is spontaneous.
 * A positive photo with 9,999 followers then scores 1 × 1.5 (photo) × 1.5 (spontaneous) × 1 × 2
 * (reach) = 4.5: supporter (≥ 3).
 */
async function freshCustomer(page: Page): Promise<Customer & { handle: string }> {
	const get = async <T>(path: string) =>
		(await (await page.request.get(`${baseUrl()}${path}`)).json()) as T;
	const list = await get<{ items: Customer[] }>('/api/v1/customers?tier=none&channel=x&limit=100');
	for (const c of list.items) {
		const x = c.handles.find((h) => h.channel === 'x');
		if (c.isStaff || c.optedOut || !x) continue;
		const [reactions, surprises] = await Promise.all([
			get<{ items: unknown[] }>(`/api/v1/reactions?customerId=${c.id}&limit=1`),
			get<{ items: unknown[] }>(`/api/v1/surprises?customerId=${c.id}&limit=1`)
		]);
		if (reactions.items.length === 0 && surprises.items.length === 0)
			return { ...c, handle: x.handle.replace(/^@/, '') };
	}
	throw new Error('no demo customer without reactions and surprises on X');
}

const headerTier = (page: Page) => page.locator('.page-head .badge[data-tier]').first();

describe('reactions and ambassador scores', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
		fs.mkdirSync('test-results', { recursive: true });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a hub’er logs a reaction from a post URL and the customer’s tier changes on screen', async () => {
		const page = await loginAs(browser, DEMO.hub);
		const cspViolations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
		});
		const customer = await freshCustomer(page);
		await page.goto(`${baseUrl()}/customers/${customer.id}`);
		expect(await headerTier(page).getAttribute('data-tier')).toBe('none');

		await page.getByRole('link', { name: 'Reacties', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/reactions');
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/reactions/new'),
			page.getByRole('link', { name: 'Reactie loggen' }).first().click()
		]);

		await page.locator('#url').fill(`https://x.com/${customer.handle}/status/18${Date.now()}`);
		await page
			.locator('#text')
			.fill('Wat een geweldige service, ik ben er echt super blij mee! Dank jullie wel!');
		// Recognised from the link while typing: the customer, and the suggested sentiment with its words.
		await expect
			.poll(() => page.locator('[data-testid=recognised]').innerText(), { timeout: 15_000 })
			.toContain(customer.name);
		await expect
			.poll(() => page.locator('.driver-list').innerText(), { timeout: 15_000 })
			.toContain('geweldige');
		expect(await page.locator('#sentiment option[value=""]').innerText()).toContain('positief');
		await page.locator('#kind').selectOption('photo_video');
		await page.locator('#followers').fill('9999');
		await page.screenshot({ path: 'test-results/scores-reaction-new.png', fullPage: true });

		await Promise.all([
			page.waitForURL(/\/reactions\/[0-9a-f-]{36}\?notice=logged/),
			page.getByRole('button', { name: 'Reactie opslaan' }).click()
		]);
		expect(await page.locator('[data-testid=tier-change]').innerText()).toContain(
			'van Geen niveau naar Supporter'
		);

		const reactionUrl = page.url().split('?')[0]!;

		await page.goto(`${baseUrl()}/customers/${customer.id}`);
		expect(await headerTier(page).getAttribute('data-tier')).toBe('supporter');
		expect(await page.locator('[data-testid=score-value]').innerText()).toMatch(/^4,(49|50)$/);
		// The breakdown names every term; the trend chart is drawn (canvas) with a table beside it.
		const breakdown = page.locator('table.breakdown tbody tr');
		expect(await breakdown.count()).toBe(1);
		expect(await breakdown.first().innerText()).toContain('spontaan');
		// Drawn by Chart.js under the site's CSP: pixels on the canvas, no violation reported.
		const chart = page.locator('[data-testid=trend-chart]');
		await chart.waitFor();
		await expect
			.poll(() =>
				chart.evaluate((c: HTMLCanvasElement) =>
					c
						.getContext('2d')!
						.getImageData(0, 0, c.width, c.height)
						.data.some((v, i) => i % 4 === 3 && v > 0)
				)
			)
			.toBe(true);
		expect(cspViolations).toEqual([]);
		await page.locator('#score').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/scores-customer.png', fullPage: true });

		// Staff override the sentiment: the choice is kept and marked; the score follows (neutral 0.2 × 4.5 = 0.9: no tier).
		await open(page, reactionUrl);
		await page.locator('#sentiment').selectOption('neutral');
		await Promise.all([
			page.waitForURL(/notice=saved/),
			page.getByRole('button', { name: 'Opslaan', exact: true }).click()
		]);
		expect(await page.locator('.page-head').innerText()).toContain('(aangepast)');
		await page.goto(`${baseUrl()}/customers/${customer.id}`);
		expect(await headerTier(page).getAttribute('data-tier')).toBe('none');

		// Deleted (logged by mistake): gone from the list, the score back to 0.
		await open(page, reactionUrl);
		await page.locator('summary', { hasText: 'verwijderen' }).click();
		await Promise.all([
			page.waitForURL(/\/reactions\?notice=deleted/),
			page.getByRole('button', { name: 'Ja, reactie verwijderen' }).click()
		]);
		await page.goto(`${baseUrl()}/reactions?customerId=${customer.id}`);
		expect(await page.locator('.empty').innerText()).toContain('Geen reacties gevonden');
		await page.context().close();
	});

	it('a CSV import shows each row first, refuses a file with a bad row, and imports a good one whole', async () => {
		const page = await loginAs(browser, DEMO.hub);
		// Typing before hydration can be wiped when Svelte takes the page over.
		await open(page, `${baseUrl()}/reactions/import`);
		const tag = Date.now().toString(36);
		const good = `https://x.com/csv${tag}/status/1${Date.now()}`;
		await page
			.locator('#csv')
			.fill(
				`url,text,posted_at,kind,likes\n${good},Top service!,2026-11-20 14:05,post,3\n,Geen link,gisteren,post,veel`
			);
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		await page.locator('#preview-title').waitFor();
		const invalid = page.locator('tr.row-invalid');
		expect(await invalid.count()).toBe(1);
		expect(await invalid.innerText()).toContain('posted_at');
		expect(await page.getByRole('button', { name: /importeren/ }).isDisabled()).toBe(true);

		await page
			.locator('#csv')
			.fill(`url,text,posted_at,kind,likes\n${good},Top service!,2026-11-20 14:05,post,3`);
		await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
		await expect.poll(() => page.locator('tr.row-invalid').count()).toBe(0);
		await Promise.all([
			page.waitForURL(/notice=imported&imported=1/),
			page.getByRole('button', { name: '1 reactie importeren' }).click()
		]);
		await page.goto(`${baseUrl()}/reactions?q=${encodeURIComponent('Top service')}`);
		expect(await page.locator('table tbody').innerText()).toContain(`csv${tag}`);
		await page.context().close();
	});

	it('the leaderboard explains each score and filters by tier and by the emerging view', async () => {
		// The scores of the demo data: recomputed now by an admin (the nightly run may not have been yet).
		const admin = await loginAs(browser, E2E_ADMIN.email, E2E_ADMIN.password);
		await admin.goto(`${baseUrl()}/ambassadors`);
		await Promise.all([
			admin.waitForURL(/recomputed=\d+/),
			admin.getByRole('button', { name: 'Alle scores nu herberekenen' }).click()
		]);
		await admin.context().close();

		const page = await loginAs(browser, DEMO.hub);
		await page.getByRole('link', { name: 'Ambassadeurs', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/ambassadors');
		const rows = page.locator('table tbody tr');
		expect(await rows.count()).toBeGreaterThan(5);
		// Every row says why, and links to the breakdown.
		expect(
			await rows
				.first()
				.getByRole('link', { name: /Bekijk de opbouw/ })
				.count()
		).toBe(1);
		const scores = await page.locator('table tbody td.num:nth-of-type(2)').allInnerTexts();
		const numbers = scores.map((s) => Number(s.replace(/\./g, '').replace(',', '.')));
		expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
		await page.screenshot({ path: 'test-results/scores-ambassadors.png', fullPage: true });

		await page.locator('#tier').selectOption('advocate');
		await Promise.all([
			page.waitForURL(/tier=advocate/),
			page.getByRole('button', { name: 'Zoeken' }).click()
		]);
		expect(await rows.count()).toBeGreaterThan(0);
		const tiers = await page
			.locator('table tbody th .badge[data-tier]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')));
		expect(new Set(tiers)).toEqual(new Set(['advocate']));

		await Promise.all([
			page.waitForURL(/view=emerging/),
			page.getByRole('link', { name: 'Opkomend', exact: true }).click()
		]);
		const emerging = await rows.count();
		if (emerging > 0) expect(await page.locator('table tbody .badge--ok').count()).toBe(emerging);
		else expect(await page.locator('.empty').innerText()).toContain('Niemand');

		// The breakdown link leads to the customer's score section.
		await page.goto(`${baseUrl()}/ambassadors`);
		await Promise.all([
			page.waitForURL(/\/customers\/[0-9a-f-]{36}#score/),
			rows
				.first()
				.getByRole('link', { name: /Bekijk de opbouw/ })
				.click()
		]);
		await page.locator('#score table.breakdown').waitFor();
		await page.context().close();
	});

	it('the dashboard shows this week’s reactions, the sentiment split and the emerging ambassadors', async () => {
		const page = await loginAs(browser, DEMO.hub);
		expect(await page.locator('#week-reactions').count()).toBe(1);
		expect(await page.locator('.sentiment-split li').count()).toBe(3);
		expect(await page.locator('#emerging-title').count()).toBe(1);
		// The existing figures are still there.
		expect(await page.locator('#per-tier').count()).toBe(1);
		await page.screenshot({ path: 'test-results/scores-dashboard.png', fullPage: true });
		await page.context().close();
	});
	it('a surprise’s page lists the reactions it brought', async () => {
		const page = await loginAs(browser, DEMO.hub);
		// Demo reactions linked to a surprise: take one and open its surprise.
		const res = await page.request.get(`${baseUrl()}/api/v1/reactions?limit=100`);
		const { items } = (await res.json()) as { items: { id: string; surpriseId: string | null }[] };
		const linked = items.find((r) => r.surpriseId);
		expect(linked, 'the demo data links reactions to surprises').toBeTruthy();
		await page.goto(`${baseUrl()}/surprises/${linked!.surpriseId}`);
		const section = page.locator('section[aria-labelledby=surprise-reactions-title]');
		await section.waitFor();
		// Server-rendered links are relative ("../reactions/…"), hydrated ones absolute: match the end.
		expect(
			await section.locator(`a[href$="/reactions/${linked!.id}"]`).count(),
			await section.innerHTML()
		).toBe(1);
		await page.context().close();
	});
});

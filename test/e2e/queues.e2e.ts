/**
 * The start page is each role's queue: marketing sees what waits for its decision and approves from
 * there, a reject without a reason is refused beside its own row, and the hub sees its own queues.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

const waitingCount = async (page: import('playwright-core').Page) => {
	const tile = page.locator('.queue', { hasText: 'Verrassingen ter goedkeuring' });
	const text = await tile.innerText();
	return /Niets dat wacht/.test(text) ? 0 : Number(/\n(\d+)\n/.exec(text)?.[1]);
};

describe('work queues on the start page', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('marketing approves three surprises from its queue; a reject needs a reason', async () => {
		const marketing = await loginAs(browser, DEMO.marketing);
		const before = await waitingCount(marketing);
		expect(before).toBeGreaterThanOrEqual(4);
		expect(
			await marketing.locator('.queue', { hasText: 'Campagnes ter beoordeling' }).count()
		).toBe(1);
		// Tiles are links to their filtered lists.
		expect(
			await marketing
				.locator('.queue a', { hasText: 'Verrassingen ter goedkeuring' })
				.getAttribute('href')
		).toBe('/surprises?status=planned');

		const rows = marketing.locator('li.decision');
		const approved: string[] = [];
		for (let i = 0; i < 3; i++) {
			// The decided one leaves the list; the notice above it names it.
			const row = rows.first();
			const reference = await row.locator('a strong').innerText();
			approved.push(reference);
			await row.locator('input[name=comment]').fill(`Goed idee 🎉 ${i}`);
			await row.locator('button[formaction="?/approve"]').click();
			await marketing
				.locator('main .notice--success', { hasText: `${reference} is goedgekeurd` })
				.waitFor({ timeout: 15_000 });
			expect(await rows.locator('a strong', { hasText: reference }).count()).toBe(0);
		}
		// Without a reason the reject is refused next to that row, and nothing changed.
		const fourth = rows.first();
		const ref = await fourth.locator('a strong').innerText();
		await fourth.locator('button[formaction="?/reject"]').click();
		await fourth.locator('.field-error').first().waitFor({ timeout: 15_000 });
		fs.mkdirSync('test-results', { recursive: true });
		await marketing.screenshot({ path: 'test-results/queues-marketing.png', fullPage: true });

		await open(marketing, `${baseUrl()}/`);
		expect(await waitingCount(marketing)).toBe(before - 3);
		const list = await marketing.request.get(
			`${baseUrl()}/api/v1/surprises?status=planned&limit=50`
		);
		const planned = ((await list.json()) as { items: { reference: string }[] }).items.map(
			(s) => s.reference
		);
		for (const reference of approved) expect(planned).not.toContain(reference);
		expect(planned).toContain(ref);
		await marketing.context().close();
	});

	it('the hub starts on its own queues, with no decisions to take', async () => {
		const hub = await loginAs(browser, DEMO.hub);
		const titles = await hub.locator('.queue__title').allInnerTexts();
		expect(titles).toEqual([
			'Nominaties om te beslissen',
			'Wachten op een adres',
			'Klaar om te printen',
			'Over de verzendtermijn'
		]);
		expect(await hub.locator('li.decision').count()).toBe(0);
		expect(
			await hub.locator('.queue a', { hasText: 'Over de verzendtermijn' }).getAttribute('href')
		).toBe('/surprises?view=overdue');
		await hub.context().close();
	});
});

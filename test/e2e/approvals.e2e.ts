import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

describe('approving a planned surprise', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('the hub sees that marketing decides; marketing approves from the surprise page with a comment', async () => {
		const hub = await loginAs(browser, DEMO.hub);
		const res = await hub.request.get(`${baseUrl()}/api/v1/surprises?status=planned&limit=50`);
		const { items } = (await res.json()) as { items: { id: string }[] };
		expect(items.length).toBeGreaterThan(1);
		// The last one: other files take the first planned surprise.
		const id = items[items.length - 1]!.id;

		await open(hub, `${baseUrl()}/surprises/${id}`);
		expect(await hub.locator('main').innerText()).toContain('marketing beslist');
		expect(await hub.locator('form[action="?/approve"]').count()).toBe(0);
		await hub.context().close();

		const marketing = await loginAs(browser, DEMO.marketing);
		await open(marketing, `${baseUrl()}/surprises/${id}`);
		const comment = `Prima idee, doen! 👍 ${Date.now().toString(36)}`;
		await marketing.locator('#approve-comment').fill(comment);
		await marketing.locator('form[action="?/approve"] button[type=submit]').click();
		await marketing.locator('main .notice--success').waitFor({ timeout: 15_000 });
		expect(await marketing.locator('main .notice--success').innerText()).toContain('Goedgekeurd');

		// The decision is on the page after a reload: no approve form any more, the comment in the history.
		await open(marketing, `${baseUrl()}/surprises/${id}`);
		expect(await marketing.locator('form[action="?/approve"]').count()).toBe(0);
		expect(await marketing.locator('main').innerText()).toContain(comment);
		fs.mkdirSync('test-results', { recursive: true });
		await marketing.screenshot({ path: 'test-results/surprise-approved.png', fullPage: true });
		const after = await marketing.request.get(`${baseUrl()}/api/v1/surprises/${id}`);
		expect(((await after.json()) as { status: string }).status).not.toBe('planned');
		await marketing.context().close();
	});
});

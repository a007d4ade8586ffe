/**
 * The wall in Chromium: an admin creates a display link, a 1920×1080 screen opens it without a
 * login, the hub logs a reaction and it is on the open wall within 2 s; the screen shows a lost
 * connection and catches up without a reload; revoking the link stops it.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const logReaction = (page: Page, text: string) =>
	page.evaluate(async (text) => {
		const res = await fetch('/api/v1/reactions', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				handle: `wall_e2e_${Math.random().toString(36).slice(2, 8)}`,
				channel: 'instagram',
				text,
				sentiment: 'positive',
				postedAt: new Date(Date.now() - 60_000).toISOString()
			})
		});
		return res.status;
	}, text);

describe('the wall', () => {
	let browser: Browser;
	let admin: Page;
	let hub: Page;
	let wall: Page;
	let url = '';

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await loginAs(browser, E2E_ADMIN.email, E2E_ADMIN.password);
		hub = await loginAs(browser, DEMO.hub);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin creates a display link; the wall opens without a login, full screen, no scrolling', async () => {
		await open(admin, '/admin/display-links');
		await admin.locator('#link-name').fill('Koffiehoek');
		await admin.locator('form[action="?/create"] button[type=submit]').click();
		url = await admin.locator('#new-link').inputValue();
		expect(url).toMatch(/\/wall\/wall_[\w-]{43}$/);

		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		wall = await context.newPage();
		await wall.goto(url);
		await expect.poll(() => wall.locator('.wall__live').isVisible()).toBe(true);
		const size = await wall.evaluate(() => ({
			h: document.documentElement.scrollHeight,
			w: document.documentElement.scrollWidth
		}));
		expect(size).toEqual({ h: 1080, w: 1920 });
		// No menu, no names: the page is the wall alone.
		expect(await wall.locator('.site-header').count()).toBe(0);
	});

	it('a reaction logged by the hub appears on the open wall within 2 s', async () => {
		const text = `Wat een verrassing, dank jullie wel! ${Date.now()}`;
		const started = Date.now();
		expect(await logReaction(hub, text)).toBe(201);
		await wall.getByText(text).waitFor({ timeout: 2_000 });
		expect(Date.now() - started).toBeLessThan(2_000);
		await wall.waitForTimeout(1_500);
		fs.mkdirSync('test-results', { recursive: true });
		await wall.screenshot({ path: 'test-results/wall-dark.png' });
	});

	it('a screen that loses the network says so, then catches up without a reload', async () => {
		const marker = await wall.evaluate(() => ((window as { wallMarker?: number }).wallMarker = 1));
		await wall.context().setOffline(true);
		await wall.locator('.wall__offline').waitFor({ timeout: 5_000 });
		const text = `Gemist terwijl het scherm offline was ${Date.now()}`;
		expect(await logReaction(hub, text)).toBe(201);
		await wall.context().setOffline(false);
		await wall.getByText(text).waitFor({ timeout: 10_000 });
		await wall.locator('.wall__live').waitFor();
		// The same document: no reload happened.
		expect(await wall.evaluate(() => (window as { wallMarker?: number }).wallMarker)).toBe(marker);
	});

	it('revoking the link stops the open wall at once', async () => {
		await open(admin, '/admin/display-links');
		admin.once('dialog', (d) => void d.accept());
		await admin.locator('form[action="?/revoke"] button[type=submit]').first().click();
		await wall.locator('.wall__gone').waitFor({ timeout: 3_000 });
		await wall.goto(url);
		await wall.locator('.wall__gone').waitFor();
	});
});

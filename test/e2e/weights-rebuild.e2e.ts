import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { loginAs, open } from './support/session.ts';

describe('score weights change', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('saving new weights shows the rebuild under the weights until every customer is rescored', async () => {
		const page = await loginAs(browser, E2E_ADMIN.email, E2E_ADMIN.password);
		await open(page, `${baseUrl()}/admin/settings`);
		const section = page.locator('section:has(#setting-score_weights)');
		const field = page.locator('#setting-score_weights');
		const weights = JSON.parse(await field.inputValue()) as { reachDivisor: number };
		// A change too small to move a tier: other suites read the same demo scores.
		await field.fill(JSON.stringify({ ...weights, reachDivisor: weights.reachDivisor + 0.0001 }));
		await section.getByRole('button', { name: 'Opslaan' }).click();
		await section.locator('.notice--success').waitFor({ state: 'visible', timeout: 10_000 });
		// Running (a progress bar) or, on a small hub, already done; the page refreshes itself.
		await section
			.getByText(/toegepast op alle klanten/)
			.waitFor({ state: 'visible', timeout: 30_000 });
		const version = Number(/versie (\d+)/.exec(await section.locator('.rebuild').innerText())?.[1]);
		expect(version).toBeGreaterThan(0);
		fs.mkdirSync('test-results', { recursive: true });
		await section.screenshot({ path: 'test-results/weights-rebuild.png' });

		await section.getByRole('button', { name: 'Terug naar standaard' }).click();
		await section.locator('.notice--success').waitFor({ state: 'visible', timeout: 10_000 });
		await section
			.getByText(new RegExp(`versie ${version + 1} toegepast op alle klanten`))
			.waitFor({ state: 'visible', timeout: 30_000 });
		await page.context().close();
	});
});

/**
 * A draw end to end in Chromium on the demo data: the hub prepares one from a customer filter, the
 * public commitment page shows it without a login, 15 winners and 3 reserves are drawn, the public
 * verify page says identical, the winners become surprises and their claim links are listed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

async function shot(page: Page, name: string) {
	fs.mkdirSync('test-results', { recursive: true });
	await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** A page without a login, in its own context (no cookies). */
async function anonymous(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 900 }
	});
	return context.newPage();
}

describe('draws', () => {
	let browser: Browser;
	let hub: Page;
	let drawUrl = '';
	let drawId = '';
	let poolHash = '';

	beforeAll(async () => {
		browser = await launchBrowser();
		hub = await loginAs(browser, DEMO.hub);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('prepares from a customer filter: the pool size before drawing, then the commitment', async () => {
		await open(hub, `${baseUrl()}/campaigns`);
		await hub.getByRole('link', { name: 'Altijd aan: kleine gebaren' }).click();
		await hub.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
		await hub.getByRole('link', { name: 'Trekkingen', exact: true }).last().click();
		await hub.waitForURL(/\/draws\?campaign=/);
		await shot(hub, 'draws-list-empty');
		await Promise.all([
			hub.waitForURL(/\/draws\/new\?campaign=/),
			hub.getByRole('link', { name: 'Nieuwe trekking' }).first().click()
		]);
		await hub.waitForLoadState('networkidle');
		await hub.getByLabel('Wie doet mee').selectOption('customers');
		await Promise.all([
			hub.waitForURL(/pool=customers/),
			hub.getByRole('button', { name: 'Toon de pool' }).click()
		]);
		const size = await hub.locator('.pool-size').innerText();
		const [, inPool, eligible] = size.match(/(\d+) in de pool, (\d+) komen in aanmerking/)!;
		// The demo's 200 customers, and those other e2e files created in the same app.
		expect(Number(inPool)).toBeGreaterThanOrEqual(200);
		// The 90-day cooldown removes who was surprised recently; each rule says how many.
		expect(Number(eligible)).toBeLessThan(Number(inPool));
		expect(Number(eligible)).toBeGreaterThanOrEqual(18);
		await shot(hub, 'draws-new');

		await hub.getByLabel('Aantal winnaars').fill('15');
		await hub.getByLabel('Aantal reserves').fill('3');
		await Promise.all([
			hub.waitForURL(/\/draws\/[0-9a-f-]{36}\?notice=prepared/),
			hub.getByRole('button', { name: 'Trekking voorbereiden' }).click()
		]);
		drawUrl = hub.url().split('?')[0]!;
		drawId = drawUrl.split('/').at(-1)!;
		const commitment = await hub.locator('section[aria-labelledby=commitment-title]').innerText();
		expect(commitment).toContain('Europe/Amsterdam');
		poolHash = commitment.match(/[0-9a-f]{64}/)![0];
		const rules = await hub.locator('section[aria-labelledby=rules-title]').innerText();
		expect(rules).toContain(`kandidaten: ${eligible}`);
		expect(rules).toMatch(/Onlangs verrast \(afkoelperiode\)\s+(Wie\s+)?\d+/);
		expect(await hub.getByRole('button', { name: 'Trek de winnaars' }).count()).toBe(1);
		await shot(hub, 'draws-prepared');
	});

	it('the public commitment page shows the same hashes without a login, before the draw', async () => {
		const page = await anonymous(browser);
		await open(page, `${baseUrl()}/draw/${drawId}`);
		expect(page.url()).not.toContain('/login');
		const text = await page.locator('main').innerText();
		expect(text).toContain(poolHash);
		expect(text).toContain('Nog niet getrokken');
		await shot(page, 'draws-public-commitment');
		await page.context().close();
	});

	let winnerNames: string[] = [];
	it('draws 15 winners and 3 reserves; the public verify page says identical, with handles only', async () => {
		await open(hub, drawUrl);
		await Promise.all([
			hub.waitForURL(/notice=drawn/),
			hub.getByRole('button', { name: 'Trek de winnaars' }).click()
		]);
		const winners = hub.locator('section[aria-labelledby=winners-title] tbody tr');
		expect(await winners.count()).toBe(15);
		expect(await hub.locator('ol.reserves li').count()).toBe(3);
		winnerNames = await hub
			.locator('section[aria-labelledby=winners-title] td[data-label=Klant] a')
			.allInnerTexts();
		expect(winnerNames).toHaveLength(15);
		await shot(hub, 'draws-drawn');

		const page = await anonymous(browser);
		await open(page, `${baseUrl()}/draw/${drawId}/verify`);
		expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('identical');
		const text = await page.locator('main').innerText();
		expect(text).toContain('Identiek.');
		expect(text).toContain(poolHash);
		for (const name of winnerNames) expect(text).not.toContain(name);
		// Handles only: an email address shows as its first letter and domain.
		expect(text).not.toMatch(/[a-z0-9._-]{2,}@example\.com/);
		await shot(page, 'draws-public-verify');
		// The record to re-run offline is there for anyone, and verifies.
		const record = await page.request.get(`${baseUrl()}/draw/${drawId}/record.json`);
		expect(record.status()).toBe(200);
		fs.mkdirSync('test-results', { recursive: true });
		fs.writeFileSync('test-results/draw-record.json', await record.body());
		const verdict = execFileSync(
			'node_modules/.bin/node',
			['api/src/domain/draws/verify-cli.ts', 'test-results/draw-record.json'],
			{ encoding: 'utf8' }
		);
		expect(verdict).toMatch(/^identical: 15 winners, 3 reserves/);
		await page.context().close();
	});

	it('the winners become surprises in one step with a progress bar, and their claim links are listed', async () => {
		await open(hub, drawUrl);
		await hub.getByLabel('Cadeau voor iedereen').selectOption({ label: 'Stroopwafelsokken' });
		await hub.getByLabel('Tekst op de kaart').fill('Gefeliciteerd, je bent getrokken!');
		await hub.getByRole('button', { name: 'Maak de verrassingen (15)' }).click();
		const result = hub.locator('section[aria-labelledby=surprises-result-title]');
		await result.getByText(/verwerkt: 15 van 15/).waitFor();
		await result.getByText(/gelukt, .* overgeslagen, .* mislukt/).waitFor();
		const summary = await result.innerText();
		const created = Number(summary.match(/(\d+) gelukt/)![1]);
		expect(created).toBeGreaterThan(0);
		expect(await result.locator('li.outcome').count()).toBe(15);
		await shot(hub, 'draws-surprises');

		await hub.reload();
		await hub.waitForLoadState('networkidle');
		const surprises = await hub
			.locator('section[aria-labelledby=winners-title] td[data-label=Verrassing] a')
			.count();
		expect(surprises).toBe(created);
		await hub.getByRole('button', { name: `Maak ${created} claimlinks` }).click();
		const links = hub.locator('section[aria-labelledby=claimLinks-result-title]');
		await links.getByText(new RegExp(`verwerkt: ${created} van ${created}`)).waitFor();
		await links.getByText(/gelukt, .* overgeslagen/).waitFor();
		const urls = await links
			.locator('input[readonly]')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) expect(url).toMatch(/\/claim\/[A-Za-z0-9_-]+$/);
		// Emailed through the mail queue to the winners with an address, in the same step.
		expect(await links.getByText('gemaild', { exact: true }).count()).toBeGreaterThan(0);
		await shot(hub, 'draws-claim-links');
	});

	it('an Easter contest from a CSV: 200 entrants with duplicates merged and late entries removed, drawn and verified', async () => {
		await open(hub, `${baseUrl()}/campaigns`);
		await hub.getByRole('link', { name: 'Altijd aan: kleine gebaren' }).click();
		await hub.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
		const campaignId = hub.url().split('/').at(-1)!;
		await open(hub, `${baseUrl()}/draws/new?campaign=${campaignId}&pool=entrants`);
		await hub.locator('#file').setInputFiles('test/fixtures/draws/paaswinactie.csv');
		await hub.getByLabel('Sluitingstijd').fill('2027-03-31T23:59');
		await hub.getByLabel('Toestemming vereist').check();
		await hub.getByRole('button', { name: 'Lees de deelnemers' }).click();
		const size = hub.locator('section[aria-labelledby=size-title]');
		await size.waitFor();
		const text = await size.innerText();
		expect(text).toContain('Regels: 207; deelnemers na samenvoegen: 200');
		expect(text).toContain('@linda_devr0: inzendingen samengevoegd (3)');
		expect(text).toMatch(/Te laat \(na de sluitingstijd\)\s+(Wie\s+)?10/);
		expect(text).toContain('200 in de pool, 190 komen in aanmerking');
		await shot(hub, 'draws-entrants-preview');
		await hub.getByLabel('Aantal winnaars').fill('15');
		await hub.getByLabel('Aantal reserves').fill('3');
		await Promise.all([
			hub.waitForURL(/\/draws\/[0-9a-f-]{36}\?notice=prepared/),
			hub.getByRole('button', { name: 'Trekking voorbereiden' }).click()
		]);
		const id = hub.url().split('?')[0]!.split('/').at(-1)!;
		const rules = await hub.locator('section[aria-labelledby=rules-title]').innerText();
		expect(rules).toContain('kandidaten: 190');
		await Promise.all([
			hub.waitForURL(/notice=drawn/),
			hub.getByRole('button', { name: 'Trek de winnaars' }).click()
		]);
		expect(await hub.locator('section[aria-labelledby=winners-title] tbody tr').count()).toBe(15);
		await shot(hub, 'draws-entrants-drawn');
		const page = await anonymous(browser);
		await open(page, `${baseUrl()}/draw/${id}/verify`);
		expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('identical');
		await page.context().close();
	});

	it('a reserve takes a winner’s place in one action; the certificate is an A4 PDF', async () => {
		await open(hub, drawUrl);
		const first = hub.locator('section[aria-labelledby=winners-title] tbody tr').first();
		await Promise.all([
			hub.waitForURL(/notice=promoted/),
			first.getByRole('button', { name: 'Vervang door reserve' }).click()
		]);
		const history = await hub.locator('section[aria-labelledby=history-title]').innerText();
		expect(history).toMatch(/Plaats 1: .+ in plaats van .+ \(Reageert niet\)/);
		expect(await hub.locator('ol.reserves .badge').count()).toBe(1);
		await shot(hub, 'draws-promoted');

		const pdf = await hub.request.get(`${baseUrl()}/api/v1/draws/${drawId}/certificate?locale=nl`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		fs.writeFileSync('test-results/draw-certificate.pdf', await pdf.body());
		const info = execFileSync('pdfinfo', ['test-results/draw-certificate.pdf'], {
			encoding: 'utf8'
		});
		expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
		execFileSync('pdftoppm', [
			'-r',
			'60',
			'-png',
			'-singlefile',
			'test-results/draw-certificate.pdf',
			'test-results/draw-certificate'
		]);
		const text = execFileSync('pdftotext', ['test-results/draw-certificate.pdf', '-'], {
			encoding: 'utf8'
		});
		expect(text).toContain(poolHash);
		for (const name of winnerNames) expect(text).not.toContain(name);

		await open(hub, `${baseUrl()}/draws`);
		expect(await hub.locator('tbody tr').count()).toBeGreaterThan(0);
		await shot(hub, 'draws-list');
	});
});

/**
 * A hub'er prints a week's cards and labels for a campaign in two clicks (preview, print), then
 * ships one parcel from the phone page its label's QR code opens: the checklist first, always.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs } from './support/session.ts';

const OUT = path.resolve('test-results/print');

function pdfText(file: string): string {
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** The QR codes on page 1 (pdftoppm + zbarimg), or null without zbarimg. */
function qrCodes(file: string): string[] | null {
	const prefix = file.replace(/\.pdf$/, '');
	execFileSync('pdftoppm', [
		'-r',
		'200',
		'-png',
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		file,
		prefix
	]);
	try {
		const out = execFileSync(
			'zbarimg',
			['-q', '--raw', '-Sdisable', '-Sqrcode.enable', `${prefix}.png`],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
		);
		return out.split('\n').filter(Boolean);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/** Saves a download and checks it is a PDF. */
async function savePdf(download: Download, name: string): Promise<{ file: string; bytes: Buffer }> {
	const file = path.join(OUT, name);
	await download.saveAs(file);
	const bytes = fs.readFileSync(file);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	return { file, bytes };
}

async function statusOf(page: Page, id: string): Promise<string> {
	const res = await page.request.get(`${baseUrl()}/api/v1/surprises/${id}`);
	expect(res.status()).toBe(200);
	return ((await res.json()) as { status: string }).status;
}

describe('printing and shipping', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
		fs.mkdirSync(OUT, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('previews and prints a campaign’s cards and labels, then ships one parcel through the checklist at phone width', async () => {
		const page = await loginAs(browser, DEMO.hub);
		const errors: string[] = [];
		page.on('console', (msg) => {
			if (msg.type() === 'error') errors.push(msg.text());
		});
		await page.getByRole('link', { name: 'Printen', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/print');
		await page.getByRole('heading', { level: 1, name: 'Printen' }).waitFor();

		// The campaign with the most ready surprises is chosen already (the demo data has some).
		const chosen = page.locator('input[name=source]:checked');
		const campaignId = await chosen.inputValue();
		expect(campaignId).toMatch(/^[0-9a-f-]{36}$/);
		const campaignName = (
			await page
				.locator('label.choice', { has: page.locator('input[name=source]:checked') })
				.innerText()
		)
			.split('·')[0]!
			.trim();
		// Reference → id of every ready surprise of that campaign (from the selection list).
		const rows = await page.locator('.selection__list li').evaluateAll((items) =>
			items.map((li) => ({
				text: li.textContent ?? '',
				reference: li.querySelector('.mono')?.textContent ?? '',
				id: li.querySelector('input')?.value ?? ''
			}))
		);
		const ready = new Map(
			rows.filter((r) => r.text.includes(campaignName)).map((r) => [r.reference.trim(), r.id])
		);
		expect(ready.size).toBeGreaterThan(0);
		expect(await page.locator('.sheet').count()).toBe(1); // the default label template is a sheet

		// Click 1: the preview — page 1 of labels and of cards as pictures, and the flags.
		await page.getByRole('button', { name: /Voorbeeld bekijken/ }).click();
		const labelsImage = page.getByRole('img', { name: 'Voorbeeld van pagina 1 van de etiketten' });
		const cardsImage = page.getByRole('img', { name: 'Voorbeeld van pagina 1 van de kaarten' });
		await labelsImage.waitFor({ timeout: 60_000 });
		await cardsImage.waitFor({ timeout: 60_000 });
		for (const image of [labelsImage, cardsImage]) {
			expect(
				await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)
			).toBe(true);
			expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
		}
		expect(await page.locator('#preview-title').count()).toBe(1);
		// The renderer's flags, before any paper is used: a row per problem naming its surprises, or an all-clear.
		const flagRows = page.locator('table:has(caption:text("Wat niet goed print")) tbody tr');
		const allClear = page.locator('.notice--success', { hasText: 'Alles past' });
		expect((await flagRows.count()) + (await allClear.count())).toBeGreaterThan(0);
		for (const row of await flagRows.all()) {
			const text = await row.innerText();
			expect(text).toMatch(
				/(Etiket|Kaart): (teken ontbreekt|tekst verkleind of afgekapt)[\s\S]*(HOP-\d+|Alle \d+ verrassingen)/
			);
			// The renderer's own words are English; the page tells them in Dutch.
			expect(text).not.toMatch(/does not fit|cannot print|no embedded font|left open/);
		}
		await page.screenshot({ path: path.join(OUT, 'print-preview.png'), fullPage: true });

		// Click 2: print — the labels PDF, then the cards of exactly those surprises.
		const responses: { path: string; status: number; type: string | undefined }[] = [];
		page.on('response', (r) => {
			const { pathname } = new URL(r.url());
			if (pathname.endsWith('.pdf'))
				responses.push({ path: pathname, status: r.status(), type: r.headers()['content-type'] });
		});
		const downloads: Download[] = [];
		page.on('download', (d) => downloads.push(d));
		await page.getByRole('button', { name: /^Printen: \d+ kaart(en)? en etiket(ten)?/ }).click();
		await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
		expect(responses).toEqual([
			{ path: '/print/labels.pdf', status: 200, type: 'application/pdf' },
			{ path: '/print/cards.pdf', status: 200, type: 'application/pdf' }
		]);
		const labels = await savePdf(
			downloads.find((d) => d.suggestedFilename().includes('etiketten'))!,
			'labels.pdf'
		);
		const cards = await savePdf(
			downloads.find((d) => d.suggestedFilename().includes('kaarten'))!,
			'cards.pdf'
		);
		await page.locator('.notice--success', { hasText: 'Geprint' }).waitFor({ timeout: 60_000 });

		const labelsText = pdfText(labels.file);
		const cardsText = pdfText(cards.file);
		const printed = [...ready.keys()].filter((reference) => labelsText.includes(reference));
		expect(printed.sort()).toEqual([...ready.keys()].sort());
		for (const reference of ready.keys()) expect(cardsText).toContain(reference);

		// Every ready surprise of the campaign is now printed, and the job is in the history.
		for (const id of ready.values()) expect(await statusOf(page, id)).toBe('printed');
		const history = page.locator('section[aria-labelledby=jobs-title] tbody tr');
		await expect.poll(() => history.count()).toBeGreaterThanOrEqual(2);
		expect(await history.first().innerText()).toContain(campaignName);
		await page.screenshot({ path: path.join(OUT, 'print-done.png'), fullPage: true });

		// The shipments CSV for the carrier lists the printed parcels.
		const csv = await page.request.get(`${baseUrl()}/print/shipments.csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const csvText = await csv.text();
		for (const reference of ready.keys()) expect(csvText).toContain(reference);

		// A reprint of the labels job (a jammed printer): a PDF again, recorded as a reprint, nothing moves twice.
		const labelsJobId = await history.nth(1).locator('input[name=job]').first().inputValue();
		const reprint = await page.request.post(`${baseUrl()}/print/reprint.pdf`, {
			form: { job: labelsJobId, kind: 'labels' },
			headers: { origin: baseUrl() }
		});
		expect(reprint.status()).toBe(200);
		expect((await reprint.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		await page.reload();
		expect(await history.first().innerText()).toContain('herdruk');
		for (const id of ready.values()) expect(await statusOf(page, id)).toBe('printed');

		// The label's QR code opens this surprise's ship page.
		const [firstReference, firstId] = [...ready.entries()].sort(([a], [b]) =>
			a.localeCompare(b, 'en', { numeric: true })
		)[0]!;
		const codes = qrCodes(labels.file);
		if (codes) expect(codes).toContain(`${baseUrl()}/surprises/${firstId}/ship`);

		// Shipping without the checklist is refused: by the ship route, and by the generic transition.
		const bare = await page.request.post(`${baseUrl()}/api/v1/print/ship/${firstId}`, { data: {} });
		expect(bare.status()).toBe(400);
		const transition = await page.request.post(
			`${baseUrl()}/api/v1/surprises/${firstId}/transition`,
			{ data: { to: 'shipped' } }
		);
		expect(transition.status()).toBe(422);
		expect(((await transition.json()) as { shipRoute: string }).shipRoute).toBe(
			`/api/v1/print/ship/${firstId}`
		);
		expect(await statusOf(page, firstId)).toBe('printed');

		// The phone: the ship page at 390 px.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${baseUrl()}/surprises/${firstId}/ship`);
		await page.getByRole('heading', { level: 1 }).filter({ hasText: firstReference }).waitFor();
		const main = await page.locator('main').innerText();
		expect(main).not.toMatch(/\b\d{4}\s?[A-Z]{2}\b/); // no Dutch postcode on screen
		const cardIn = page.getByRole('checkbox', { name: 'De kaart zit in het pakket' });
		const postage = page.locator('input[name=postageOn]');
		expect(await cardIn.getAttribute('required')).not.toBeNull();
		expect(await postage.getAttribute('required')).not.toBeNull();
		const submit = page.getByRole('button', { name: 'Markeer als verzonden' });
		const box = await submit.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(44);
		expect(box!.width).toBeGreaterThan(300);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);

		// With one box ticked, the browser will not submit; past the browser, the server refuses and says which box.
		await cardIn.check();
		await submit.click();
		expect(await statusOf(page, firstId)).toBe('printed');
		await postage.evaluate((input: HTMLInputElement) => (input.required = false));
		await submit.click();
		await page.locator('#postage-on-error').waitFor();
		expect(await statusOf(page, firstId)).toBe('printed');

		await postage.check();
		if (!(await cardIn.isChecked())) await cardIn.check();
		await page.screenshot({ path: path.join(OUT, 'ship-phone.png'), fullPage: true });
		await submit.click();
		await page.locator('.notice--success', { hasText: firstReference }).waitFor();
		expect(await statusOf(page, firstId)).toBe('shipped');
		await page.screenshot({ path: path.join(OUT, 'ship-phone-done.png'), fullPage: true });

		// No CSP violation or script error on either page; the one 400 is the refusal asked for above.
		expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
		await page.context().close();
	});

	it('marketing reads the print history but gets no print form and no export', async () => {
		const page = await loginAs(browser, DEMO.marketing);
		await page.goto(`${baseUrl()}/print`);
		await page.getByRole('heading', { level: 1, name: 'Printen' }).waitFor();
		expect(await page.locator('form[action="?/preview"]').count()).toBe(0);
		expect(await page.getByRole('link', { name: 'Verzendlijst (CSV)' }).count()).toBe(0);
		expect(await page.locator('.notice--info', { hasText: 'Social Hub' }).count()).toBe(1);
		await page.context().close();
	});
});

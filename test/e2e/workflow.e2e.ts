import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { DEMO, loginAs, open } from './support/session.ts';

const SHOTS = 'test-results';

/** Today and a month ahead as Europe/Amsterdam calendar dates (YYYY-MM-DD), as campaigns use them. */
function amsterdamDate(offsetDays = 0): string {
	const at = new Date(Date.now() + offsetDays * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Amsterdam',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(at);
}

async function shot(page: Page, name: string) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/workflow-${name}.png`, fullPage: true });
}

/** Submits the form that holds `button` and waits for the page to settle on `url`. */
async function submitAndWait(
	page: Page,
	button: ReturnType<Page['locator']>,
	url: RegExp | ((u: URL) => boolean)
) {
	// Hydrated first: on a busy machine a click during start-up can otherwise get lost.
	await page.waitForLoadState('networkidle');
	await Promise.all([page.waitForURL(url), button.click()]);
	await page.waitForLoadState('networkidle');
}

describe('the surprise workflow', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('hub nominates → marketing approves the campaign → hub plans the surprise → the customer claims it → ready to print', async () => {
		const stamp = Date.now().toString(36);

		// 1. Fleur (hub) finds a new customer by pasting a post link, then nominates them from the customer page.
		const hub = await loginAs(browser, DEMO.hub);
		await open(hub, `${baseUrl()}/customers`);
		const handle = `wf_${stamp}`;
		await hub.locator('#paste-url').fill(`https://x.com/${handle}/status/1865432198765432101`);
		await submitAndWait(
			hub,
			hub.locator('form[action="?/fromUrl"] button[type=submit]'),
			/\/customers\/[0-9a-f-]{36}/
		);
		const customerId = /\/customers\/([0-9a-f-]{36})/.exec(hub.url())![1]!;
		await submitAndWait(
			hub,
			hub.getByRole('link', { name: 'Nomineren' }),
			(u) => u.pathname === '/nominations/new' && u.searchParams.has('customer')
		);
		await hub.getByLabel('Trouwe klant').check();
		await hub
			.getByLabel('Waarom')
			.fill('Reageert al jaren vriendelijk en hielp vandaag een andere klant op weg.');
		await hub
			.getByLabel(/Link naar het bericht/)
			.fill(`https://x.com/${handle}/status/1865432198765432101`);
		await submitAndWait(
			hub,
			hub.getByRole('button', { name: 'Nominatie opslaan' }),
			/\/nominations\/[0-9a-f-]{36}/
		);
		const nominationUrl = hub.url();
		expect(await hub.locator('main h1').innerText()).toContain(handle);
		expect(await hub.locator('main [data-status="open"]').count()).toBeGreaterThan(0);

		// The nomination is in the list, and the status filter finds it.
		await open(hub, `${baseUrl()}/nominations?status=open`);
		expect(await hub.locator('table tbody').innerText()).toContain(handle);
		await shot(hub, 'nominations');

		// 2. Marketing: Lotte creates a campaign that runs today and submits it; Jeroen approves it (never the creator).
		const lotte = await loginAs(browser, DEMO.marketing);
		await open(lotte, `${baseUrl()}/campaigns/new`);
		await lotte.locator('input[name=name]').fill(`E2E kleine gebaren ${stamp}`);
		await lotte.locator('select[name=kind]').selectOption('always_on');
		await lotte.locator('input[name=startsOn]').fill(amsterdamDate());
		await lotte.locator('input[name=endsOn]').fill(amsterdamDate(30));
		await lotte.locator('input[name=budget]').fill('500');
		await lotte.locator('input[name=autoApproveLimit]').fill('50');
		await lotte.locator('input[name=cooldownDays]').fill('0');
		await lotte.getByLabel(/Stroopwafelsokken/).check();
		await lotte.getByLabel(/Persoonlijke kaart/).check();
		await submitAndWait(
			lotte,
			lotte.getByRole('button', { name: 'Campagne aanmaken' }),
			/\/campaigns\/[0-9a-f-]{36}/
		);
		const campaignId = /\/campaigns\/([0-9a-f-]{36})/.exec(lotte.url())![1]!;
		await lotte.locator('form[action="?/submit"] button[type=submit]').click();
		await lotte.locator('form[action="?/submit"]').waitFor({ state: 'detached' });
		await lotte.context().close();

		const jeroen = await loginAs(browser, DEMO.marketing2);
		await open(jeroen, `${baseUrl()}/campaigns/${campaignId}`);
		await jeroen
			.locator('form[action="?/approve"] textarea[name=comment]')
			.fill('Prima, veel plezier ermee.');
		await jeroen
			.locator('form[action="?/approve"]')
			.getByRole('button', { name: 'Goedkeuren' })
			.click();
		await jeroen.locator('form[action="?/approve"]').waitFor({ state: 'detached' });
		await jeroen.context().close();

		// 3. Fleur accepts the nomination into a surprise in that campaign: socks (the customer picks the size) and a card.
		await open(hub, nominationUrl);
		await hub.locator('select#campaign').selectOption(campaignId);
		await submitAndWait(
			hub,
			hub.getByRole('button', { name: 'Campagne kiezen' }),
			(u) => u.searchParams.get('campaign') === campaignId
		);
		const socks = await hub
			.locator('select#item-0-gift option')
			.evaluateAll((options) =>
				options
					.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' }))
					.find((o) => o.label.includes('Stroopwafelsokken') && o.label.includes('klant kiest'))
			);
		expect(socks, 'the campaign’s socks, size left to the customer').toBeTruthy();
		await hub.locator('select#item-0-gift').selectOption(socks!.value);

		// The card checks run while typing: a stock phrase is pointed out (a warning, not a block).
		const card = hub.locator('#card-message');
		await card.fill('Excuses voor het ongemak.');
		await expect
			.poll(() => hub.locator('.checks li[data-kind="stock_phrase"]').count(), { timeout: 15_000 })
			.toBe(1);
		await card.fill(
			`Hoi! Wat fijn dat je een andere klant zo op weg hielp. Warme voeten van ons allemaal.`
		);
		await hub.getByLabel('Interne notitie').fill('Via X, handle ' + handle);
		await submitAndWait(
			hub,
			hub.getByRole('button', { name: 'Accepteren en verrassing plannen' }),
			/\/surprises\/[0-9a-f-]{36}/
		);
		const surpriseUrl = hub.url().split('?')[0]!;
		// Within the campaign's auto-approve limit and budget: approved at once, then waiting for the
		// address (and the sock size the customer still has to pick).
		expect(await hub.locator('.notice--success').innerText()).toContain('meteen goedgekeurd');
		expect(['approved', 'awaiting_address']).toContain(
			await hub.locator('.page-head [data-status]').getAttribute('data-status')
		);

		// 4. A claim link for the customer to enter the address and pick the sock size; this customer reads English.
		await hub.locator('#claim-locale').selectOption('en');
		await hub.getByRole('button', { name: 'Adreslink maken' }).click();
		const urlField = hub.locator('#claim-url');
		await urlField.waitFor({ state: 'visible' });
		const claimUrl = await urlField.inputValue();
		expect(claimUrl).toMatch(/\/claim\/[A-Za-z0-9_-]{20,}$/);
		expect(await hub.locator('.page-head [data-status]').getAttribute('data-status')).toBe(
			'awaiting_address'
		);
		expect(await hub.locator('[data-link-status="open"]').count()).toBe(1);
		await shot(hub, 'surprise');

		// 5. The customer, not logged in, on a phone: the page speaks the link's language.
		const visitor = await browser.newContext({
			locale: 'nl-NL',
			viewport: { width: 390, height: 844 }
		});
		const phone = await visitor.newPage();
		await open(phone, claimUrl);
		// Opening it twice (as a link scanner would first) does not use it up.
		await open(phone, claimUrl);
		expect(await phone.locator('html').getAttribute('lang')).toBe('en');
		expect(await phone.locator('main h1').innerText()).toMatch(/^Hi /);
		await phone.locator('input[type=radio][name^="variant."]:not([disabled])').first().check();
		await phone.getByLabel(/Name/).fill(`Klant ${handle}`);
		await phone.getByLabel('Postcode').fill('0123 AB');
		await phone.getByLabel('House number').fill('12');
		await phone.getByLabel('Street').fill('Keizersgracht');
		await phone.getByLabel('Town or city').fill('Amsterdam');
		await phone.getByLabel(/I agree/).check();
		await phone.getByRole('button', { name: 'Send' }).click();
		// A Dutch postcode never starts with 0: the API's own message, beside the field.
		await phone.locator('#postcode-error').waitFor({ state: 'visible' });
		expect(await phone.locator('#postcode-error').innerText()).toContain('1234 AB');
		await shot(phone, 'claim');
		await phone.getByLabel('Postcode').fill('1015cj');
		await phone.getByRole('button', { name: 'Send' }).click();
		await phone.getByRole('heading', { name: 'Thank you!' }).waitFor();

		// Used, and unknown, links get one and the same neutral page.
		await open(phone, claimUrl);
		const usedText = await phone.locator('main').innerText();
		expect(usedText).toContain('This link does not work (any more)');
		await open(phone, `${baseUrl()}/claim/${'x'.repeat(43)}`);
		expect(await phone.locator('main').innerText()).toBe(usedText);
		await visitor.close();

		// 6. Back at the hub: the surprise is ready to print, and its history shows every step.
		await open(hub, surpriseUrl);
		expect(await hub.locator('.page-head [data-status]').getAttribute('data-status')).toBe('ready');
		expect(await hub.locator('[data-link-status="used"]').count()).toBe(1);
		const history = await hub.locator('.timeline').innerText();
		for (const word of ['gepland', 'goedgekeurd', 'wacht op adres', 'klaar om te printen'])
			expect(history).toContain(word);
		const reference = /HOP-\d+/.exec(await hub.locator('main h1').innerText())![0];
		await open(hub, `${baseUrl()}/surprises?status=ready`);
		expect(await hub.locator('table tbody').innerText()).toContain(handle);
		await shot(hub, 'surprises');

		// 7. A second nomination of the same customer, planned in a campaign with a 90-day cooldown:
		//    refused, and the error names the earlier surprise.
		await open(hub, `${baseUrl()}/nominations/new?customer=${customerId}`);
		await hub.getByLabel('Mooi gesprek').check();
		await submitAndWait(
			hub,
			hub.getByRole('button', { name: 'Nominatie opslaan' }),
			/\/nominations\/[0-9a-f-]{36}/
		);
		const alwaysOn = await hub
			.locator('select#campaign option')
			.evaluateAll((options) =>
				options
					.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' }))
					.find((o) => o.label.startsWith('Altijd aan'))
			);
		expect(alwaysOn, 'the demo’s always-on campaign').toBeTruthy();
		await hub.locator('select#campaign').selectOption(alwaysOn!.value);
		await hub.waitForURL((u) => u.searchParams.get('campaign') === alwaysOn!.value);
		await hub.waitForLoadState('networkidle');
		const cardGift = await hub
			.locator('select#item-0-gift option')
			.evaluateAll((options) =>
				options
					.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' }))
					.find((o) => o.label.startsWith('Persoonlijke kaart'))
			);
		await hub.locator('select#item-0-gift').selectOption(cardGift!.value);
		await hub.getByRole('button', { name: 'Accepteren en verrassing plannen' }).click();
		const refusal = hub.locator('#accept-title ~ .notice--error');
		await refusal.waitFor({ state: 'visible' });
		expect(await refusal.innerText()).toContain(reference);
		expect(new URL(hub.url()).pathname.startsWith('/nominations/')).toBe(true);

		// 8. Nominating from a pasted post link creates the customer; declining needs a reason and shows it.
		const pasted = `wf2_${stamp}`;
		await open(hub, `${baseUrl()}/nominations/new`);
		await hub
			.getByLabel('Link naar het bericht of gesprek')
			.fill(`https://www.instagram.com/${pasted}/`);
		await hub.getByLabel(/Naam van de klant/).fill('Zoë Ĳsbrand');
		await hub.getByLabel('Winactie').check();
		await submitAndWait(
			hub,
			hub.getByRole('button', { name: 'Nominatie opslaan' }),
			/\/nominations\/[0-9a-f-]{36}/
		);
		expect(await hub.locator('.notice--success').innerText()).toContain('aangemaakt');
		expect(await hub.locator('main h1').innerText()).toContain('Zoë Ĳsbrand');
		expect(await hub.locator('main').innerText()).toContain(pasted);
		await hub.getByLabel('Reden van afwijzen').fill('Doet al mee aan de winactie van vorige week.');
		await hub.getByRole('button', { name: 'Nominatie afwijzen' }).click();
		await hub.locator('.page-head [data-status="declined"]').waitFor();
		expect(await hub.locator('main').innerText()).toContain(
			'Doet al mee aan de winactie van vorige week.'
		);
		await hub.context().close();
	}, 300_000);

	it('an unknown claim link shows the neutral page to anyone, without logging in', async () => {
		const context = await browser.newContext({
			locale: 'nl-NL',
			viewport: { width: 390, height: 844 }
		});
		const page = await context.newPage();
		const res = await page.goto(`${baseUrl()}/claim/not-a-real-token`);
		expect(res?.status()).toBe(200);
		expect(new URL(page.url()).pathname).toBe('/claim/not-a-real-token');
		expect(await page.locator('main h1').innerText()).toBe('Deze link werkt niet (meer)');
		expect(await page.locator('main form').count()).toBe(0);
		await context.close();
	});
	it('the card check measures against every card design the templates hold', async () => {
		const hub = await loginAs(browser, DEMO.hub);
		const res = await hub.request.get(`${baseUrl()}/api/v1/surprises?status=planned&limit=1`);
		const { items } = (await res.json()) as { items: { id: string }[] };
		expect(items.length).toBe(1);
		await open(hub, `${baseUrl()}/surprises/${items[0]!.id}`);
		const select = hub.locator('#card-message-template');
		await select.waitFor();
		const values = await select
			.locator('option')
			.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
		// templates/cards/*.json, listed by the API: a new design is a new file, not a code change.
		expect(values).toEqual(
			expect.arrayContaining(['', 'a6-postcard', 'a6-postcard-portrait', 'a5-folded', 'a4-4up'])
		);
		await hub.context().close();
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { validateAddress } from '#api/domain/claims/address.ts';
import { MAX_NAME_CHARS } from '#api/domain/customers/name-limit.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { claimFixtures, tokenOf, validBody } from './fixtures.ts';

/** The claim page takes a name as long as a customer's (200 characters, an emoji counting once) and says so. */
describe('recipient name on the claim page', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof claimFixtures>;
	let hub: Awaited<ReturnType<typeof t.user>>;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		f = claimFixtures(database);
		hub = await t.user('hub');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	async function submit(recipientName: string, locale: 'nl' | 'en' = 'nl') {
		const s = await f.surprise({ locale });
		const link = await t.request('/api/v1/claim-links', {
			method: 'POST',
			headers: hub.headers,
			json: { surpriseId: s.id, locale }
		});
		expect(link.status).toBe(201);
		const body = validBody(s);
		return t.request(`/api/v1/claims/${tokenOf(((await link.json()) as { url: string }).url)}`, {
			method: 'POST',
			headers: {
				'x-hoppatee-client-ip': `198.51.100.${Math.floor(Math.random() * 200)}`,
				'accept-language': locale
			},
			json: { ...body, address: { ...body.address, recipientName } }
		});
	}

	it('is the customer’s limit', () => {
		expect(MAX_NAME_CHARS).toBe(200);
	});

	it('takes 200 characters (emoji count once), where it stopped at 100', async () => {
		const name = `Zoë 😀 ${'van '.repeat(47)}Dijk`.slice(0, 200);
		expect([...name].length).toBeLessThanOrEqual(200);
		expect(name.length).toBeGreaterThan(100);
		expect((await submit(name)).status).toBe(200);
		const emoji = '😀'.repeat(200);
		expect((await submit(emoji)).status).toBe(200);
	});

	it('refuses 201 with the limit in the message, in the link’s language', async () => {
		for (const [locale, text] of [
			['nl', /maximaal 200 tekens/i],
			['en', /at most 200 characters/i]
		] as const) {
			const res = await submit('a'.repeat(201), locale);
			expect(res.status).toBe(400);
			const body = (await res.json()) as { errors: { field: string; message: string }[] };
			expect(body.errors).toContainEqual({
				field: 'address.recipientName',
				message: expect.stringMatching(text) as string
			});
		}
	});
});

describe('the address check itself', () => {
	it('counts characters, states its limit and speaks the link’s language', () => {
		const base = {
			street: 'Keizersgracht',
			houseNumber: '12',
			postcode: '1015 CJ',
			city: 'Amsterdam',
			country: 'NL'
		};
		expect(validateAddress({ ...base, recipientName: '😀'.repeat(200) }).ok).toBe(true);
		const nl = validateAddress({ ...base, recipientName: 'a'.repeat(201) }, { locale: 'nl' });
		const en = validateAddress({ ...base, recipientName: 'a'.repeat(201) }, { locale: 'en' });
		expect(!nl.ok && nl.errors).toEqual([
			{ field: 'address.recipientName', message: 'Dit is te lang: maximaal 200 tekens.' }
		]);
		expect(!en.ok && en.errors[0]!.message).toBe('This is too long: at most 200 characters.');
	});
});

/**
 * A gift's code channel: vouchers with a pool on the card (default) or the claim page, digital gifts
 * in the e-voucher email or without codes (an e-card); anything else is a 400 naming `codeChannel`.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { voucherCodes } from '#db/schema/index.ts';
import { freshDatabase } from '../../support/databases.ts';
import { invalid, testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';

type Gift = { id: string; codeChannel: string | null; codes: { total: number } | null };

describe('gift code channels (pglite)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		marketing = await t.user('marketing');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const create = (json: Record<string, unknown>) =>
		t.client.api.v1.gifts.$post(
			{
				json: {
					name: `Cadeau ${crypto.randomUUID().slice(0, 6)}`,
					unitCostCents: 1000,
					...json
				} as never
			},
			{ headers: marketing.headers }
		);
	const upload = (id: string, csv: string) =>
		t.client.api.v1.gifts[':id']['voucher-codes'].$post(
			{ param: { id }, json: { csv } },
			{ headers: marketing.headers }
		);

	it('defaults: a voucher with a pool on the card, a face-value voucher and an e-card without one', async () => {
		expect((await expectStatus<Gift>(await create({ kind: 'voucher' }), 201)).codeChannel).toBe(
			'card'
		);
		expect(
			(await expectStatus<Gift>(await create({ kind: 'voucher', faceValueCents: 1500 }), 201))
				.codeChannel
		).toBeNull();
		const ecard = await expectStatus<Gift>(await create({ kind: 'digital' }), 201);
		expect(ecard.codeChannel).toBeNull();
		expect((await expectProblem(await upload(ecard.id, 'CODE-1\n'), 409)).fields).toEqual([
			'codeChannel'
		]);
	});

	it('an e-voucher: a digital gift with its pool in the email takes codes with PINs', async () => {
		const gift = await expectStatus<Gift>(
			await create({ kind: 'digital', codeChannel: 'email' }),
			201
		);
		expect(gift.codeChannel).toBe('email');
		await expectStatus(await upload(gift.id, 'code,pin\nJUMB-1,4821\nJUMB-2,\n'), 201);
		const rows = await database.db
			.select({ code: voucherCodes.code, pin: voucherCodes.pin })
			.from(voucherCodes)
			.where(eq(voucherCodes.giftId, gift.id));
		expect(rows.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
			{ code: 'JUMB-1', pin: '4821' },
			{ code: 'JUMB-2', pin: null }
		]);
	});

	it('a channel that does not fit the gift is a 400 naming codeChannel, and nothing is written', async () => {
		for (const json of [
			{ kind: 'voucher', codeChannel: 'email' },
			{ kind: 'digital', codeChannel: 'card' },
			{ kind: 'item', codeChannel: 'claim_page' },
			{ kind: 'voucher', faceValueCents: 1500, codeChannel: 'card' },
			{ kind: 'voucher', codeChannel: invalid('post') }
		]) {
			const problem = await expectProblem(await create(json), 400);
			expect(problem.fields).toEqual(['codeChannel']);
		}
	});

	it('marketing moves a voucher’s codes from the card to the claim page; a face value takes the channel away', async () => {
		const gift = await expectStatus<Gift>(await create({ kind: 'voucher' }), 201);
		const patch = (json: Record<string, unknown>) =>
			t.client.api.v1.gifts[':id'].$patch(
				{ param: { id: gift.id }, json: json as never },
				{ headers: marketing.headers }
			);
		expect(
			(await expectStatus<Gift>(await patch({ codeChannel: 'claim_page' }), 200)).codeChannel
		).toBe('claim_page');
		expect((await expectProblem(await patch({ codeChannel: 'email' }), 400)).fields).toEqual([
			'codeChannel'
		]);
		expect(
			(await expectStatus<Gift>(await patch({ faceValueCents: 2000 }), 200)).codeChannel
		).toBeNull();
	});
});

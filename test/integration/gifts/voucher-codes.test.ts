import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { voucherCodes } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi, invalid } from '../../support/api.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
type Code = { id: string; masked: string; state: string; surpriseId: string | null };
type CodePage = {
	items: Code[];
	nextCursor: string | null;
	counts: { total: number; available: number };
};

const CODES = Array.from({ length: 12 }, (_, i) => `BIOS-${String(i).padStart(4, '0')}-Q${i}X7F3K`);

describe.each(engines)('voucher code pools on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let marketing: User;
	let hub: User;
	/** Every response body this suite saw, to prove no full code ever left the API. */
	const seen: string[] = [];

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		[marketing, hub] = await Promise.all([t.user('marketing'), t.user('hub')]);
	}, 60_000);
	afterAll(async () => {
		expect(seen.length).toBeGreaterThan(30);
		for (const body of seen) for (const code of CODES) expect(body).not.toContain(code);
		await database?.close();
	});

	/** The response, its body kept to prove no code leaks. */
	async function call(sent: Promise<Response>) {
		const res = await sent;
		const text = await res.clone().text();
		seen.push(text);
		return res;
	}
	const newVoucher = async (name: string, extra: Record<string, unknown> = {}) =>
		expectStatus<{ id: string }>(
			await call(
				t.client.api.v1.gifts.$post(
					{ json: { name, kind: 'voucher', unitCostCents: 1250, ...extra } },
					{ headers: marketing.headers }
				)
			),
			201
		);
	const upload = (giftId: string, csv: string, who = marketing) =>
		call(
			t.client.api.v1.gifts[':id']['voucher-codes'].$post(
				{ param: { id: giftId }, json: { csv } },
				{ headers: who.headers }
			)
		);
	const stored = async (giftId: string) =>
		Number(
			(
				await database.db
					.select({ n: count() })
					.from(voucherCodes)
					.where(eq(voucherCodes.giftId, giftId))
			)[0]!.n
		);

	it('uploads one code per line; answers with counts only; lists codes masked', async () => {
		const gift = await newVoucher('Bioscoopbon');
		const added = await expectStatus(
			await upload(gift.id, `${CODES.slice(0, 6).join('\n')}\n`),
			201
		);
		expect(added).toEqual({ giftId: gift.id, added: 6, total: 6, available: 6 });
		const view = await expectStatus(
			await call(
				t.client.api.v1.gifts[':id'].$get({ param: { id: gift.id } }, { headers: hub.headers })
			),
			200
		);
		expect(view).toMatchObject({ voucherMode: 'codes', codes: { total: 6, available: 6 } });
		const page = await expectStatus<CodePage>(
			await call(
				t.client.api.v1.gifts[':id']['voucher-codes'].$get(
					{ param: { id: gift.id }, query: {} },
					{ headers: hub.headers }
				)
			),
			200
		);
		expect(page.items).toHaveLength(6);
		expect(page.items.map((c) => c.masked)).toEqual(Array(6).fill('••••7F3K'));
		expect(page.items.every((c) => c.state === 'available')).toBe(true);
		const [audit] = await auditRows(database, 'voucher_codes.upload', gift.id);
		expect(audit!.data).toEqual({ added: 6 });
		expect(JSON.stringify(audit)).not.toContain('BIOS-');
	});

	it('reads a CSV with a header row and a `code` column (semicolons, CRLF, BOM)', async () => {
		const gift = await newVoucher('Bioscoopbon CSV');
		const csv = `\uFEFFwaarde;code;geldig tot\r\n12,50;${CODES[0]};2027-12-31\r\n12,50;  ${CODES[1]}  ;2027-12-31\r\n`;
		expect(await expectStatus(await upload(gift.id, csv), 201)).toMatchObject({
			added: 2,
			available: 2
		});
		expect(await stored(gift.id)).toBe(2);
	});

	it('rejects duplicates within the file with their line numbers and stores nothing', async () => {
		const gift = await newVoucher('Dubbele codes');
		const csv = [CODES[0], CODES[1], '', CODES[0], CODES[2], CODES[1]].join('\n');
		const problem = await expectProblem(await upload(gift.id, csv), 400);
		expect(problem.code).toBe('validation');
		expect(problem.fields).toEqual(['csv', 'csv']);
		expect(problem.lines).toEqual([
			{ line: 4, message: 'Line 4: same code as line 1.' },
			{ line: 6, message: 'Line 6: same code as line 2.' }
		]);
		expect(await stored(gift.id)).toBe(0);
	});

	it('rejects codes already in the pool (all or nothing, with line numbers, masked)', async () => {
		const gift = await newVoucher('Bestaande codes');
		await expectStatus(await upload(gift.id, CODES.slice(0, 3).join('\n')), 201);
		const problem = await expectProblem(
			await upload(gift.id, ['NIEUW-0001', CODES[1], 'NIEUW-0002', CODES[2]].join('\n')),
			400
		);
		expect(problem.lines).toEqual([
			{ line: 2, message: "Line 2: ••••7F3K is already in this voucher's pool." },
			{ line: 4, message: "Line 4: ••••7F3K is already in this voucher's pool." }
		]);
		expect(await stored(gift.id)).toBe(3);
		// The same codes in another voucher's pool are fine: pools are per gift.
		const other = await newVoucher('Andere bon');
		expect(
			await expectStatus(await upload(other.id, CODES.slice(0, 3).join('\n')), 201)
		).toMatchObject({ added: 3 });
	});

	it('rejects an empty file, a file with bad lines, and files that are not for a code pool', async () => {
		const gift = await newVoucher('Lege upload');
		expect((await expectProblem(await upload(gift.id, '\n  \n'), 400)).fields).toEqual(['csv']);
		const twoValues = await expectProblem(await upload(gift.id, `GOED-0001\nA,B\n`), 400);
		expect((twoValues.lines as { line: number }[]).map((l) => l.line)).toEqual([2]);
		const unreadable = await expectProblem(
			await upload(gift.id, `GOED-0001\nGOED-0002\n"open\n`),
			400
		);
		expect(unreadable.lines).toEqual([
			{ line: 3, message: 'Line 3: a quote (") is opened but never closed.' }
		]);
		expect(
			(
				await expectProblem(
					await call(
						t.client.api.v1.gifts[':id']['voucher-codes'].$post(
							{ param: { id: gift.id }, json: { csv: invalid(42) } },
							{ headers: marketing.headers }
						)
					),
					400
				)
			).fields
		).toEqual(['csv']);
		expect(await stored(gift.id)).toBe(0);

		const item = await expectStatus<{ id: string }>(
			await call(
				t.client.api.v1.gifts.$post(
					{ json: { name: 'Sok', kind: 'item', unitCostCents: 1 } },
					{ headers: marketing.headers }
				)
			),
			201
		);
		expect((await expectProblem(await upload(item.id, 'X-1'), 409)).fields).toEqual(['kind']);
		const face = await newVoucher('Tuinbon', { faceValueCents: 1500 });
		expect((await expectProblem(await upload(face.id, 'X-1'), 409)).fields).toEqual([
			'faceValueCents'
		]);
		await expectProblem(await upload(crypto.randomUUID(), 'X-1'), 404);
		await expectProblem(await upload(gift.id, 'X-1', hub), 403);
	});

	it('a voucher with codes cannot get a face value', async () => {
		const gift = await newVoucher('Met codes');
		await expectStatus(await upload(gift.id, CODES[5]!), 201);
		expect(
			(
				await expectProblem(
					await call(
						t.client.api.v1.gifts[':id'].$patch(
							{ param: { id: gift.id }, json: { faceValueCents: 1000 } },
							{ headers: marketing.headers }
						)
					),
					409
				)
			).fields
		).toEqual(['faceValueCents']);
	});

	it('pages through the pool, filters available/assigned, deletes only unassigned codes', async () => {
		const gift = await newVoucher('Grote pool');
		await expectStatus(await upload(gift.id, CODES.join('\n')), 201);
		const [assigned] = await database.db
			.select()
			.from(voucherCodes)
			.where(eq(voucherCodes.giftId, gift.id))
			.limit(1);
		// Surprises set this when they take a code; here it stands in for one.
		await database.db
			.update(voucherCodes)
			.set({ surpriseId: crypto.randomUUID(), assignedAt: new Date() })
			.where(eq(voucherCodes.id, assigned!.id));

		const ids: string[] = [];
		let cursor: string | null = null;
		do {
			const page: CodePage = await expectStatus(
				await call(
					t.client.api.v1.gifts[':id']['voucher-codes'].$get(
						{ param: { id: gift.id }, query: { limit: '5', cursor: cursor || undefined } },
						{ headers: hub.headers }
					)
				),
				200
			);
			ids.push(...page.items.map((c) => c.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(ids).toHaveLength(12);
		expect(new Set(ids).size).toBe(12);

		const available = await expectStatus<CodePage>(
			await call(
				t.client.api.v1.gifts[':id']['voucher-codes'].$get(
					{ param: { id: gift.id }, query: { state: 'available' } },
					{ headers: hub.headers }
				)
			),
			200
		);
		expect(available.items).toHaveLength(11);
		expect(available.counts).toEqual({ total: 12, available: 11 });
		const taken = await expectStatus<CodePage>(
			await call(
				t.client.api.v1.gifts[':id']['voucher-codes'].$get(
					{ param: { id: gift.id }, query: { state: 'assigned' } },
					{ headers: hub.headers }
				)
			),
			200
		);
		expect(taken.items.map((c) => c.id)).toEqual([assigned!.id]);

		expect(
			(
				await expectProblem(
					await call(
						t.client.api.v1.gifts[':id']['voucher-codes'][':codeId'].$delete(
							{ param: { id: gift.id, codeId: assigned!.id } },
							{ headers: marketing.headers }
						)
					),
					409
				)
			).fields
		).toEqual(['codeId']);
		const free = available.items[0]!;
		await expectProblem(
			await call(
				t.client.api.v1.gifts[':id']['voucher-codes'][':codeId'].$delete(
					{ param: { id: gift.id, codeId: free.id } },
					{ headers: hub.headers }
				)
			),
			403
		);
		expect(
			await expectStatus(
				await call(
					t.client.api.v1.gifts[':id']['voucher-codes'][':codeId'].$delete(
						{ param: { id: gift.id, codeId: free.id } },
						{ headers: marketing.headers }
					)
				),
				200
			)
		).toEqual({ giftId: gift.id, total: 11, available: 10 });
		await expectProblem(
			await call(
				t.client.api.v1.gifts[':id']['voucher-codes'][':codeId'].$delete(
					{ param: { id: gift.id, codeId: free.id } },
					{ headers: marketing.headers }
				)
			),
			404
		);
		const [audit] = await auditRows(database, 'voucher_code.delete', gift.id);
		expect(audit!.data).toEqual({ codeId: free.id, masked: '••••7F3K' });
	});
});

/**
 * Concurrency on a real PostgreSQL server (PGlite is one connection and serialises everything):
 * 20 submits of one claim link at the same moment, from 20 connections. Exactly one may win; the
 * others must get the very answer an unknown link gets. With the `used_at IS NULL` guard removed
 * from submitClaim's UPDATE this test fails (the losers then reach the surprise and get 409).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { addresses, surpriseEvents } from '#db/schema/index.ts';
import { freshDatabase } from '../../support/databases.ts';
import { auditRows, expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { claimFixtures, tokenOf, validBody } from './fixtures.ts';

const PARALLEL = 20;

describe('claim link races on postgres', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof claimFixtures>;

	beforeAll(async () => {
		database = await freshDatabase('postgres');
		t = testApi(database);
		f = claimFixtures(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it(`${PARALLEL} parallel submits of one link: exactly one 200, the rest the unknown-link 404`, async () => {
		for (let round = 0; round < 3; round++) {
			const hub = await t.user('hub');
			const s = await f.surprise();
			const created = await expectStatus<{ url: string }>(
				await t.client.api.v1['claim-links'].$post(
					{ json: { surpriseId: s.id } },
					{ headers: hub.headers }
				),
				201
			);
			const token = tokenOf(created.url);
			const post = (i: number, tok = token) =>
				t.client.api.v1.claims[':token'].$post(
					{
						param: { token: tok },
						json: {
							...validBody(s),
							address: { ...validBody(s).address, recipientName: `Zoë ${i}` }
						}
					},
					{
						// One address each: the per-IP rate limit is not what is tested here.
						headers: {
							'x-hoppatee-client-ip': `203.0.113.${round * PARALLEL + i}`,
							'x-request-id': 'race'
						}
					}
				);

			const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => post(i)));
			const bodies = await Promise.all(responses.map((r) => r.text()));
			const statuses = responses.map((r) => r.status);
			expect(
				statuses.filter((s) => s === 200),
				`statuses: ${statuses.join(',')}`
			).toHaveLength(1);
			const unknown = await (await post(99, 'B'.repeat(43))).text();
			const losers = bodies.filter((_, i) => statuses[i] !== 200);
			expect(losers).toHaveLength(PARALLEL - 1);
			expect(new Set(losers)).toEqual(new Set([unknown]));

			// One of everything the winning submit writes.
			expect(await f.status(s.id)).toMatchObject({ status: 'ready' });
			expect(
				await database.db.select().from(addresses).where(eq(addresses.customerId, s.customerId))
			).toHaveLength(1);
			expect(await f.stock(s.large)).toBe(9);
			const events = await database.db
				.select()
				.from(surpriseEvents)
				.where(eq(surpriseEvents.surpriseId, s.id));
			expect(events.filter((e) => e.toStatus === 'ready')).toHaveLength(1);
			expect(await auditRows(database, 'claim.submit', s.id)).toHaveLength(1);
		}
	}, 60_000);
});

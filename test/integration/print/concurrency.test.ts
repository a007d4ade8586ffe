/**
 * Print and ship races on a real PostgreSQL server (PGlite is one connection: it cannot race).
 * Two hub'ers pressing "print" for one campaign, or scanning one parcel twice, must not move a
 * surprise twice or add its cost to `spent` twice.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { printJobs, surpriseEvents } from '#db/schema/index.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { printFixtures } from './fixtures.ts';

describe('print races on a real PostgreSQL server', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hubs: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>[];
	let templateId: string;

	beforeAll(async () => {
		database = await freshDatabase('postgres');
		t = testApi(database);
		p = printFixtures(database, t);
		hubs = [await t.user('hub'), await t.user('hub')];
		templateId = (await p.templates(hubs[0]!.headers)).labels[0]!.id;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('prints a campaign once when several print it at the same moment', async () => {
		const { campaign, surprises } = await p.readyCampaign(hubs[0]!, [
			'Race Een',
			'Race Twee',
			'Race Drie',
			'Race Vier'
		]);
		const responses = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				t.client.api.v1.print.labels.$post(
					{ json: { campaignId: campaign.id, templateId } },
					{ headers: hubs[i % 2]!.headers }
				)
			)
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(7);
		expect(
			await database.db.select().from(printJobs).where(eq(printJobs.campaignId, campaign.id))
		).toHaveLength(1);
		const moves = await database.db
			.select()
			.from(surpriseEvents)
			.where(
				inArray(
					surpriseEvents.surpriseId,
					surprises.map((s) => s.id)
				)
			);
		expect(moves.filter((e) => e.toStatus === 'printed')).toHaveLength(surprises.length);
	});

	it('ships a parcel once when it is scanned twice at the same moment', async () => {
		const { campaign, surprises } = await p.readyCampaign(hubs[0]!, ['Dubbel Gescand']);
		const s = surprises[0]!;
		expect(
			(
				await t.client.api.v1.print.labels.$post(
					{ json: { surpriseIds: [s.id], templateId } },
					{ headers: hubs[0]!.headers }
				)
			).status
		).toBe(200);
		const body = { checklist: { cardIn: true, postageOn: true } };
		const responses = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				t.client.api.v1.print.ship[':id'].$post(
					{ param: { id: s.id }, json: body },
					{ headers: hubs[i % 2]!.headers }
				)
			)
		);
		expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
		const money = await p.f.money(campaign.id);
		expect(money.spent).toBe(money.reserved);
		const shipped = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s.id));
		expect(shipped.filter((e) => e.toStatus === 'shipped')).toHaveLength(1);
	});
});

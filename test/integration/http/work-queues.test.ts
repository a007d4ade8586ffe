/** GET /api/v1/dashboard/queues: each role's waiting work, counted exactly, nothing of the other roles'. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { campaigns, emailOutbox, jobFailures, nominations, surprises } from '#db/schema/index.ts';
import { addDays } from '#api/domain/surprises/due-date.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { testApi } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Status = NonNullable<(typeof surprises.$inferInsert)['status']>;
const eqId = (id: string) => eq(campaigns.id, id);

describe.each(engines)('GET /api/v1/dashboard/queues on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	const queuesOf = async (role: 'hub' | 'marketing' | 'admin') => {
		const user = await t.user(role);
		const res = await t.client.api.v1.dashboard.queues.$get({}, { headers: user.headers });
		expect(res.status, await res.clone().text()).toBe(200);
		const body = await res.json();
		expect(body.role).toBe(role);
		return Object.fromEntries(
			body.queues.map((q: { key: string; count: number }) => [q.key, q.count])
		);
	};

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('refuses anonymous callers', async () => {
		expect((await t.client.api.v1.dashboard.queues.$get({})).status).toBe(401);
	});

	it('starts empty for every role, each with its own queues in order', async () => {
		const hub = await t.user('hub');
		const body = await (
			await t.client.api.v1.dashboard.queues.$get({}, { headers: hub.headers })
		).json();
		expect(body.queues.map((q: { key: string; count: number }) => q.key)).toEqual([
			'nominations_open',
			'surprises_awaiting_address',
			'surprises_ready',
			'surprises_overdue'
		]);
		expect(await queuesOf('marketing')).toEqual({
			campaigns_submitted: 0,
			surprises_planned: 0,
			variants_low_stock: 0,
			campaigns_nearly_spent: 0
		});
		expect(await queuesOf('admin')).toEqual({ emails_failed: 0, jobs_gave_up: 0 });
	});

	it('counts each queue from the rows that wait', async () => {
		const f = fixtures(database);
		const { db } = database;
		const today = todayInAmsterdam(new Date());
		const gift = await f.gift({
			variants: [
				{ name: 'M', stock: 1, lowStockThreshold: 2 },
				{ name: 'L', stock: 5, lowStockThreshold: 2 }
			]
		});
		const campaign = await f.campaign({ giftIds: [gift.id], budgetCents: 10_000 });
		// 95 % committed: nearly spent; the other one at 50 % is not, nor a draft at 100 %.
		await db.update(campaigns).set({ reservedCents: 9_500 }).where(eqId(campaign.id));
		const half = await f.campaign({ giftIds: [], budgetCents: 10_000 });
		await db.update(campaigns).set({ reservedCents: 5_000 }).where(eqId(half.id));
		await f.campaign({ giftIds: [], status: 'submitted' });
		await f.campaign({ giftIds: [], status: 'submitted' });
		const draft = await f.campaign({ giftIds: [], status: 'draft', budgetCents: 100 });
		await db.update(campaigns).set({ reservedCents: 100 }).where(eqId(draft.id));

		const customer = await f.customer();
		const surprise = (status: Status, dueOn: string | null = null) =>
			db.insert(surprises).values({
				reference: `HOP-Q${Math.random().toString(36).slice(2, 10)}`,
				customerId: customer.id,
				campaignId: campaign.id,
				status,
				dueOn
			});
		await surprise('planned');
		await surprise('planned');
		await surprise('planned');
		await surprise('awaiting_address', addDays(today, 3));
		await surprise('awaiting_address', addDays(today, -1)); // overdue too
		await surprise('ready', addDays(today, -2)); // overdue too
		await surprise('shipped', addDays(today, -9)); // gone out: not overdue
		await surprise('cancelled');
		await db.insert(nominations).values([
			{ customerId: customer.id, reason: 'loyalty' },
			{ customerId: customer.id, reason: 'loyalty', status: 'declined' }
		]);
		const mail = (status: string, n: number) => ({
			eventKey: `queue-test-${status}-${n}`,
			toAddress: 'a@example.org',
			subject: 's',
			html: '',
			text: '',
			status,
			messageId: `<${status}-${n}@test>`
		});
		await db.insert(emailOutbox).values([mail('failed', 1), mail('failed', 2), mail('sent', 3)]);
		const hourAgo = new Date(Date.now() - 3_600_000);
		await db.insert(jobFailures).values([
			{ job: 'daily-digest', attempt: 3, attempts: 3, error: 'x', failedAt: hourAgo },
			// A retry still to come, and a give-up of two days ago: neither waits for the admin now.
			{ job: 'daily-digest', attempt: 1, attempts: 3, error: 'x', failedAt: hourAgo },
			{
				job: 'daily-digest',
				attempt: 3,
				attempts: 3,
				error: 'x',
				failedAt: new Date(Date.now() - 2 * 86_400_000)
			}
		]);

		expect(await queuesOf('hub')).toEqual({
			nominations_open: 1,
			surprises_awaiting_address: 2,
			surprises_ready: 1,
			surprises_overdue: 2
		});
		expect(await queuesOf('marketing')).toEqual({
			campaigns_submitted: 2,
			surprises_planned: 3,
			variants_low_stock: 1,
			campaigns_nearly_spent: 1
		});
		expect(await queuesOf('admin')).toEqual({ emails_failed: 2, jobs_gave_up: 1 });
	});
});

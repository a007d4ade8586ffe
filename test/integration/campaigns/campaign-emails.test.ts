import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox, users } from '#db/schema/index.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { addDays, type Campaign } from './fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
const today = todayInAmsterdam();
/** `"Name" <address>` → address. */
const address = (to: string) => /<([^>]+)>$/.exec(to)?.[1] ?? to;

/** Submitting and deciding a campaign mails the people concerned, in the same transaction, once per event. */
describe.each(engines)('campaign and stock emails on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let creator: User;
	let colleague: User;
	let digester: User;
	let giftId: string;

	const mails = (prefix: string) =>
		database.db
			.select()
			.from(emailOutbox)
			.where(like(emailOutbox.eventKey, `${prefix}%`));

	async function draft(name: string): Promise<Campaign> {
		return expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post(
				{
					json: {
						name,
						kind: 'theme',
						startsOn: addDays(today, 5),
						endsOn: addDays(today, 12),
						budgetCents: 15_000,
						giftIds: [giftId]
					}
				},
				{ headers: creator.headers }
			),
			201
		);
	}

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		creator = await t.user('marketing', { name: 'Lotte van Dijk' });
		colleague = await t.user('marketing', { name: 'Jeroen Smit' });
		digester = await t.user('marketing', { name: 'Priya Raman' });
		await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, colleague.id));
		await database.db.update(users).set({ digest: true }).where(eq(users.id, digester.id));
		giftId = (
			await expectStatus<{ id: string }>(
				await t.client.api.v1.gifts.$post(
					{ json: { name: 'Kaart', kind: 'card', unitCostCents: 95 } },
					{ headers: creator.headers }
				),
				201
			)
		).id;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('submitting mails an approval request to each other marketing user who takes mail one by one, never to the creator', async () => {
		const c = await draft('Bedankweek');
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		const sent = await mails(`approval-request:campaign:${c.id}:`);
		expect(sent.map((m) => address(m.toAddress))).toEqual([colleague.email]);
		expect(sent[0]!.subject).toContain('Bedankweek');
		// The colleague reads English: the mail is in English, and links to the campaign on the public origin.
		expect(sent[0]!.text).toContain(`https://hoppatee.example/campaigns/${c.id}`);
		expect(sent[0]!.html).toContain('lang="en"');
	});

	it('a resubmission after changes requested asks again (a second round), a decision mails the creator with the comment', async () => {
		const c = await draft('Verjaardagskaartjes');
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{
					param: { id: c.id },
					json: {
						decision: 'request_changes',
						comment: 'Budget naar € 100, graag.'
					}
				},
				{ headers: colleague.headers }
			),
			200
		);
		const decision = await mails(`decision:campaign:${c.id}:changes_requested:`);
		expect(decision.map((m) => address(m.toAddress))).toEqual([creator.email]);
		expect(decision[0]!.text).toContain('Budget naar € 100, graag.');

		await expectStatus(
			await t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { budgetCents: 10_000 } },
				{ headers: creator.headers }
			),
			200
		);
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		const requests = await mails(`approval-request:campaign:${c.id}:`);
		expect(requests.map((m) => m.eventKey).sort()).toEqual([
			`approval-request:campaign:${c.id}:1:${colleague.id}`,
			`approval-request:campaign:${c.id}:2:${colleague.id}`
		]);

		await expectStatus(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{
					param: { id: c.id },
					json: {
						decision: 'approve',
						comment: 'Top.'
					}
				},
				{ headers: colleague.headers }
			),
			200
		);
		const approved = await mails(`decision:campaign:${c.id}:approved:`);
		expect(approved).toHaveLength(1);
		expect(address(approved[0]!.toAddress)).toBe(creator.email);
	});

	it('a refused decision (the creator deciding) and a refused submit leave no mail behind', async () => {
		const c = await draft('Zelf beslissen');
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		const before = (await mails(`decision:campaign:${c.id}:`)).length;
		expect(
			(
				await t.client.api.v1.campaigns[':id'].decisions.$post(
					{ param: { id: c.id }, json: { decision: 'approve' } },
					{ headers: creator.headers }
				)
			).status
		).toBe(403);
		expect(await mails(`decision:campaign:${c.id}:`)).toHaveLength(before);
		// Submitting again while submitted is a 409 and queues nothing more.
		expect(
			(
				await t.client.api.v1.campaigns[':id'].submit.$post(
					{ param: { id: c.id } },
					{ headers: creator.headers }
				)
			).status
		).toBe(409);
		expect(await mails(`approval-request:campaign:${c.id}:`)).toHaveLength(1);
	});

	it('a stock change that crosses the low-stock threshold mails marketing once; staying low does not mail again that day', async () => {
		const sock = await expectStatus<{ id: string; variants: { id: string }[] }>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Sokken',
						kind: 'item',
						unitCostCents: 650,
						variants: [{ name: '36–40', stock: 12, lowStockThreshold: 10 }]
					}
				},
				{ headers: creator.headers }
			),
			201
		);
		const variantId = sock.variants[0]!.id;
		const stock = (delta: number) =>
			t.client.api.v1.gifts[':id'].variants[':variantId'].stock.$post(
				{ param: { id: sock.id, variantId }, json: { delta } },
				{ headers: creator.headers }
			);
		expect((await expectStatus<{ lowStock: boolean }>(await stock(-1), 200)).lowStock).toBe(false);
		expect(await mails(`low-stock:${variantId}:`)).toHaveLength(0);
		expect((await expectStatus<{ lowStock: boolean }>(await stock(-2), 200)).lowStock).toBe(true);
		const alerts = await mails(`low-stock:${variantId}:`);
		expect(alerts.map((m) => address(m.toAddress)).sort()).toEqual(
			[creator.email, colleague.email, digester.email].sort()
		);
		expect(alerts.find((m) => address(m.toAddress) === creator.email)!.text).toContain(
			`https://hoppatee.example/gifts/${sock.id}`
		);
		// Back above and down again the same day: still one mail per person.
		await expectStatus(await stock(5), 200);
		await expectStatus(await stock(-5), 200);
		expect(await mails(`low-stock:${variantId}:`)).toHaveLength(3);
	});
});

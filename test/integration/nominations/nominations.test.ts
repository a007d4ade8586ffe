import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { customers, nominations } from '#db/schema/index.ts';
import { systemCtx } from '#api/domain/context.ts';
import { expireNominations } from '#api/domain/nominations/expire-nominations.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf, invalid, type QueryOf } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Nomination = {
	id: string;
	status: string;
	reason: string;
	text: string;
	postUrl: string | null;
	customer: { id: string; name: string; handles: { channel: string; handle: string }[] };
	campaign: { id: string; name: string } | null;
	nominatedBy: { id: string; name: string } | null;
	declineReason: string | null;
	surprise: { id: string; reference: string; status: string } | null;
	customerCreated?: boolean;
};
type Page = { items: Nomination[]; nextCursor: string | null };

describe.each(engines)('nominations on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let hub2: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let inbox: Awaited<ReturnType<ReturnType<typeof testApi>['token']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		hub = await t.user('hub', { name: 'Hanna Hub' });
		hub2 = await t.user('hub', { name: 'Henk Hub' });
		marketing = await t.user('marketing');
		inbox = await t.token(['nominations:write']);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	type Nominate = JsonOf<typeof t.client.api.v1.nominations.$post>;
	const nominate = (json: Nominate, headers: Record<string, string> = hub.headers) =>
		t.client.api.v1.nominations.$post({ json }, { headers });
	const nominateOk = async (json: Nominate, headers?: Record<string, string>) =>
		expectStatus<Nomination>(await nominate(json, headers), 201);
	const list = async (query: QueryOf<typeof t.client.api.v1.nominations.$get>) =>
		expectStatus<Page>(
			await t.client.api.v1.nominations.$get({ query }, { headers: marketing.headers }),
			200
		);
	type Action = 'accept' | 'decline';
	type Routes = (typeof t.client.api.v1.nominations)[':id'];
	type ActionJson = {
		accept: JsonOf<Routes['accept']['$post']>;
		decline: JsonOf<Routes['decline']['$post']>;
	};
	// One route per action; the cast only joins them: each call's body is checked against its action.
	const act = <A extends Action>(
		id: string,
		action: A,
		json: ActionJson[A],
		headers: Record<string, string> = hub.headers
	) =>
		(
			t.client.api.v1.nominations[':id'][action] as unknown as {
				$post: (
					args: { param: { id: string }; json: ActionJson[A] },
					options: { headers: Record<string, string> }
				) => Promise<Response>;
			}
		).$post({ param: { id }, json }, { headers });

	it('staff nominate a known customer; the audit records it', async () => {
		const customer = await f.customer({ name: 'Nguyễn Thị Minh Khai' });
		const n = await nominateOk({
			customerId: customer.id,
			reason: 'service_recovery',
			text: ' Pakket kwijt, bleef vriendelijk. ',
			postUrl: 'x.com/minhkhai/status/1'
		});
		expect(n).toMatchObject({
			status: 'open',
			reason: 'service_recovery',
			text: 'Pakket kwijt, bleef vriendelijk.',
			postUrl: 'https://x.com/minhkhai/status/1',
			customerCreated: false
		});
		expect(n.customer).toMatchObject({ id: customer.id, name: 'Nguyễn Thị Minh Khai' });
		expect(n.nominatedBy).toEqual({ id: hub.id, name: 'Hanna Hub' });
		expect((await auditRows(database, 'nomination.create', n.id)).length).toBe(1);
		// Marketing may nominate too (any staff role).
		await nominateOk({ customerId: customer.id, reason: 'loyalty' }, marketing.headers);
	});

	it('the webcare inbox token nominates from a post link: finds or creates the customer by handle', async () => {
		const first = await nominateOk(
			{
				postUrl: 'https://www.instagram.com/stories/Zoe.Hek/123/',
				reason: 'great_conversation',
				text: 'Leuke verrassing!'
			},
			inbox.headers
		);
		expect(first.customerCreated).toBe(true);
		expect(first.nominatedBy).toBeNull();
		expect(first.customer.handles).toEqual([{ channel: 'instagram', handle: 'Zoe.Hek' }]);
		const again = await nominateOk(
			{ postUrl: 'instagram.com/zoe.hek', reason: 'loyalty', customerName: 'Zoë' },
			inbox.headers
		);
		expect(again.customerCreated).toBe(false);
		expect(again.customer.id).toBe(first.customer.id);
		const named = await nominateOk({
			postUrl: 'https://x.com/Sukru_O/status/42',
			customerName: 'Şükrü Öztürk',
			reason: 'milestone'
		});
		expect(named.customer.name).toBe('Şükrü Öztürk');
		const [row] = await database.db
			.select()
			.from(customers)
			.where(eq(customers.id, named.customer.id));
		expect(row!.name).toBe('Şükrü Öztürk');
		expect(
			(await auditRows(database, 'customer.create', named.customer.id))[0]!.data
		).toMatchObject({ via: 'url' });
	});

	it('refuses callers without the right: anonymous 401, other scopes and wrong roles 403', async () => {
		const customer = await f.customer();
		const body = { customerId: customer.id, reason: 'other' as const };
		await expectProblem(await nominate(body, {}), 401);
		const reader = await t.token(['customers:read', 'reactions:write']);
		await expectProblem(await nominate(body, reader.headers), 403);
		await expectProblem(
			await t.client.api.v1.nominations.$get({ query: {} }, { headers: inbox.headers }),
			403
		);
		const n = await nominateOk(body);
		await expectProblem(await act(n.id, 'decline', { reason: 'nee' }, inbox.headers), 403);
		await expectProblem(await act(n.id, 'accept', { items: [] }, marketing.headers), 403);
	});

	it('rejects bad input with problem+json naming the field', async () => {
		const customer = await f.customer();
		const closed = await f.campaign({ giftIds: [], status: 'closed' });
		const cases: [unknown, number, string[]][] = [
			[{}, 400, ['reason', 'customerId']],
			[{ reason: 'other' }, 400, ['customerId']],
			[{ customerId: customer.id, reason: 'bribery' }, 400, ['reason']],
			[{ customerId: 'abc', reason: 'other' }, 400, ['customerId']],
			[{ customerId: crypto.randomUUID(), reason: 'other' }, 400, ['customerId']],
			[{ postUrl: 'https://example.com/some/post', reason: 'other' }, 400, ['postUrl']],
			[{ postUrl: 'https://www.instagram.com/p/CxYz123/', reason: 'other' }, 400, ['postUrl']],
			[{ postUrl: 'javascript:alert(1)', reason: 'other' }, 400, ['postUrl']],
			[{ customerId: customer.id, reason: 'other', text: 'x'.repeat(5001) }, 400, ['text']],
			[{ customerId: customer.id, reason: 'other', text: 'a\u0007b' }, 400, ['text']],
			[
				{ customerId: customer.id, reason: 'other', campaignId: crypto.randomUUID() },
				400,
				['campaignId']
			],
			[{ customerId: customer.id, reason: 'other', campaignId: closed.id }, 409, ['campaignId']]
		];
		for (const [body, status, fields] of cases) {
			const problem = await expectProblem(await nominate(invalid(body)), status);
			expect(problem.fields.sort(), JSON.stringify(body).slice(0, 100)).toEqual([...fields].sort());
		}
		await expectProblem(
			await t.client.api.v1.nominations.$get(
				{ query: { status: invalid('maybe') } },
				{ headers: hub.headers }
			),
			400
		);
		await expectProblem(
			await t.client.api.v1.nominations.$get(
				{ query: { channel: invalid('myspace') } },
				{ headers: hub.headers }
			),
			400
		);
		await expectProblem(
			await t.client.api.v1.nominations[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
	});

	it('lists with filters (status, campaign, nominator, channel) and cursor pages', async () => {
		const socks = await f.gift();
		const campaign = await f.campaign({ giftIds: [socks.id] });
		const onX = await f.customer({ handle: { channel: 'x', handle: 'filter_x' } });
		const onInsta = await f.customer({ handle: { channel: 'instagram', handle: 'filter.insta' } });
		const made = [
			await nominateOk(
				{ customerId: onX.id, reason: 'loyalty', campaignId: campaign.id },
				hub2.headers
			),
			await nominateOk(
				{ customerId: onInsta.id, reason: 'loyalty', campaignId: campaign.id },
				hub2.headers
			),
			await nominateOk({ customerId: onX.id, reason: 'milestone', campaignId: campaign.id })
		];
		expect((await list({ campaignId: campaign.id })).items.map((n) => n.id)).toEqual(
			made.map((n) => n.id).reverse()
		);
		expect(
			(await list({ campaignId: campaign.id, nominatedBy: hub2.id })).items.map((n) => n.id)
		).toEqual([made[1]!.id, made[0]!.id]);
		expect((await list({ campaignId: campaign.id, channel: 'x' })).items.map((n) => n.id)).toEqual([
			made[2]!.id,
			made[0]!.id
		]);
		await expectStatus(await act(made[0]!.id, 'decline', { reason: 'Al eerder verrast' }), 200);
		expect(
			(await list({ campaignId: campaign.id, status: 'declined' })).items.map((n) => n.id)
		).toEqual([made[0]!.id]);
		expect((await list({ campaignId: campaign.id, status: '' })).items).toHaveLength(3);
		const p1 = await list({ campaignId: campaign.id, limit: '2' });
		const p2 = await list({ campaignId: campaign.id, limit: '2', cursor: p1.nextCursor! });
		expect([...p1.items, ...p2.items].map((n) => n.id)).toEqual(made.map((n) => n.id).reverse());
		expect(p2.nextCursor).toBeNull();
	});

	it('accepts into a surprise in one transaction; accepted or declined nominations cannot be decided again', async () => {
		const socks = await f.gift({ kind: 'item', unitCostCents: 500 });
		const campaign = await f.campaign({ giftIds: [socks.id], autoApproveLimitCents: 10_000 });
		const customer = await f.customer({ address: true });
		const n = await nominateOk({ customerId: customer.id, reason: 'service_recovery' });
		const noCampaign = await expectProblem(
			await act(n.id, 'accept', { items: [{ giftId: socks.id }] }),
			400
		);
		expect(noCampaign.fields).toEqual(['campaignId']);
		const badItems = await expectProblem(
			await act(n.id, 'accept', {
				campaignId: campaign.id,
				items: [{ giftId: crypto.randomUUID() }]
			}),
			400
		);
		expect(badItems.fields).toEqual(['items.0.giftId']);
		expect(
			(
				await expectStatus<Nomination>(
					await t.client.api.v1.nominations[':id'].$get(
						{ param: { id: n.id } },
						{ headers: hub.headers }
					),
					200
				)
			).status
		).toBe('open');

		const accepted = await expectStatus<{
			nomination: Nomination;
			surprise: {
				id: string;
				reference: string;
				status: string;
				nominationId: string;
				autoApproval: { approved: boolean };
			};
		}>(
			await act(n.id, 'accept', {
				campaignId: campaign.id,
				items: [{ giftId: socks.id }],
				cardMessage: 'Sorry voor het gedoe!'
			}),
			201
		);
		expect(accepted.surprise).toMatchObject({
			status: 'ready',
			nominationId: n.id,
			autoApproval: { approved: true }
		});
		expect(accepted.nomination).toMatchObject({
			status: 'accepted',
			surprise: {
				id: accepted.surprise.id,
				reference: accepted.surprise.reference,
				status: 'ready'
			}
		});
		expect((await auditRows(database, 'nomination.accept', n.id)).length).toBe(1);
		const twice = await expectProblem(
			await act(n.id, 'accept', { campaignId: campaign.id, items: [{ giftId: socks.id }] }),
			409
		);
		expect(twice.fields).toEqual(['status']);
		await expectProblem(await act(n.id, 'decline', { reason: 'toch niet' }), 409);

		const other = await nominateOk({
			customerId: (await f.customer()).id,
			reason: 'other',
			campaignId: campaign.id
		});
		expect(
			(
				await expectProblem(
					await act(other.id, 'decline', { reason: '   ' }, marketing.headers),
					400
				)
			).fields
		).toEqual(['reason']);
		const declined = await expectStatus<Nomination>(
			await act(other.id, 'decline', { reason: 'Geen aanleiding' }, marketing.headers),
			200
		);
		expect(declined).toMatchObject({ status: 'declined', declineReason: 'Geen aanleiding' });
		await expectProblem(await act(other.id, 'accept', { items: [{ giftId: socks.id }] }), 409);
	});

	it('a failed plan leaves the nomination open (one transaction)', async () => {
		const socks = await f.gift();
		const campaign = await f.campaign({
			giftIds: [socks.id],
			cooldownDays: 30,
			autoApproveLimitCents: 0
		});
		const customer = await f.customer();
		const first = await nominateOk({
			customerId: customer.id,
			reason: 'loyalty',
			campaignId: campaign.id
		});
		const second = await nominateOk({
			customerId: customer.id,
			reason: 'loyalty',
			campaignId: campaign.id
		});
		await expectStatus(await act(first.id, 'accept', { items: [{ giftId: socks.id }] }), 201);
		const cooldown = await expectProblem(
			await act(second.id, 'accept', { items: [{ giftId: socks.id }] }),
			409
		);
		expect(cooldown.fields).toEqual(['customerId']);
		const [row] = await database.db.select().from(nominations).where(eq(nominations.id, second.id));
		expect(row).toMatchObject({ status: 'open', surpriseId: null });
	});

	it('Idempotency-Key replays the first nomination', async () => {
		const customer = await f.customer();
		const headers = { ...inbox.headers, 'idempotency-key': `inbox-${customer.id}` };
		const body = { customerId: customer.id, reason: 'great_conversation' as const };
		const a = await nominateOk(body, headers);
		const res = await nominate(body, headers);
		expect(res.headers.get('idempotent-replayed')).toBe('true');
		expect((await expectStatus<Nomination>(res, 201)).id).toBe(a.id);
		await expectProblem(await nominate({ ...body, text: 'anders' }, headers), 422);
		const [{ n }] = (await database.db
			.select({ n: sql<number>`count(*)` })
			.from(nominations)
			.where(eq(nominations.customerId, customer.id))) as [{ n: number }];
		expect(Number(n)).toBe(1);
	});

	it('expires open nominations older than the setting (default 30 days), once', async () => {
		const customer = await f.customer();
		const old = await nominateOk({ customerId: customer.id, reason: 'other' });
		const fresh = await nominateOk({ customerId: customer.id, reason: 'other' });
		const decided = await nominateOk({ customerId: customer.id, reason: 'other' });
		await expectStatus(await act(decided.id, 'decline', { reason: 'nee' }), 200);
		const longAgo = new Date(Date.now() - 31 * 86_400_000);
		await database.db
			.update(nominations)
			.set({ createdAt: longAgo })
			.where(sql`${nominations.id} in (${old.id}, ${decided.id})`);
		const ctx = systemCtx(database.db);
		const result = await expireNominations({ ctx });
		expect(result.ids).toContain(old.id);
		expect(result.ids).not.toContain(fresh.id);
		expect(result.ids).not.toContain(decided.id);
		expect((await expireNominations({ ctx })).expired).toBe(0);
		await f.setting('nomination_expiry_days', 1);
		await database.db
			.update(nominations)
			.set({ createdAt: new Date(Date.now() - 2 * 86_400_000) })
			.where(eq(nominations.id, fresh.id));
		expect((await expireNominations({ ctx })).ids).toEqual([fresh.id]);
		const statuses = await database.db
			.select({ id: nominations.id, status: nominations.status })
			.from(nominations)
			.where(eq(nominations.customerId, customer.id));
		expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
			[old.id]: 'expired',
			[fresh.id]: 'expired',
			[decided.id]: 'declined'
		});
		await expect(
			expireNominations({
				ctx: { ...ctx, actor: { type: 'user', id: hub.id, role: 'hub', name: 'x', email: 'x' } }
			})
		).rejects.toThrow(/role/);
	});
});

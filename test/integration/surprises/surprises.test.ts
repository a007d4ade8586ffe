import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '#db/client.ts';
import { customers, surpriseEvents, surprises, voucherCodes } from '#db/schema/index.ts';
import { systemCtx } from '#api/domain/context.ts';
import { deliverQueuedEmails } from '#api/domain/email/deliver-queued-emails.ts';
import { settleSentGifts } from '#api/domain/vouchers/settle-sent-gifts.ts';
import { addDays, dueDate } from '#api/domain/surprises/due-date.ts';
import { loadSurpriseView } from '#api/domain/surprises/get-surprise.ts';
import { returnSurpriseToHub } from '#api/domain/surprises/return-to-hub.ts';
import { toRecipientView } from '#api/domain/surprises/surprise-view.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf, invalid } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from './fixtures.ts';

type Surprise = {
	id: string;
	reference: string;
	status: string;
	kind: string;
	totalCents: number;
	costCents: number;
	postageCents: number;
	postage: string;
	dueOn: string | null;
	overdue: boolean;
	addressId: string | null;
	internalNote: string;
	approvedBy: { id: string } | null;
	items: { id: string; variantId: string | null; voucherCode: string | null; quantity: number }[];
	events?: { from: string | null; to: string; note: string; actor: { id: string } | null }[];
	autoApproval?: { attempted: boolean; approved: boolean; reason: string | null };
};

describe.each(engines)('surprises on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let admin: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		hub = await t.user('hub', { name: 'Hanna Hub' });
		marketing = await t.user('marketing');
		admin = await t.user('admin');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	type Plan = JsonOf<typeof t.client.api.v1.surprises.$post>;
	const plan = (json: Plan, headers: Record<string, string> = hub.headers) =>
		t.client.api.v1.surprises.$post({ json }, { headers });
	const planOk = async (json: Plan) => expectStatus<Surprise>(await plan(json), 201);
	type Action = 'approve' | 'reject' | 'cancel' | 'transition' | 'address';
	type Routes = (typeof t.client.api.v1.surprises)[':id'];
	type ActionJson = {
		approve: JsonOf<Routes['approve']['$post']>;
		reject: JsonOf<Routes['reject']['$post']>;
		cancel: JsonOf<Routes['cancel']['$post']>;
		transition: JsonOf<Routes['transition']['$post']>;
		address: JsonOf<Routes['address']['$post']>;
	};
	// One route per action; the cast only joins them: each call's body is checked against its action.
	const act = <A extends Action>(
		id: string,
		action: A,
		json: ActionJson[A],
		headers: Record<string, string> = hub.headers
	) =>
		(
			t.client.api.v1.surprises[':id'][action] as unknown as {
				$post: (
					args: { param: { id: string }; json: ActionJson[A] },
					options: { headers: Record<string, string> }
				) => Promise<Response>;
			}
		).$post({ param: { id }, json }, { headers });
	const get = async (id: string) =>
		expectStatus<Surprise>(
			await t.client.api.v1.surprises[':id'].$get({ param: { id } }, { headers: hub.headers }),
			200
		);

	/** A campaign with one €5 item gift (sizes S/L, 10 each), an e-card and a coded voucher. */
	async function setup(
		options: {
			autoApproveLimitCents?: number;
			budgetCents?: number;
			cooldownDays?: number;
			maxSurprises?: number | null;
		} = {}
	) {
		const socks = await f.gift({
			kind: 'item',
			unitCostCents: 500,
			variants: [
				{ name: 'S', stock: 10 },
				{ name: 'L', stock: 10 }
			]
		});
		const ecard = await f.gift({ kind: 'digital', unitCostCents: 50 });
		const cinema = await f.gift({ kind: 'voucher', unitCostCents: 1200, codes: 3 });
		const breakfast = await f.gift({ kind: 'experience', unitCostCents: 2500 });
		const campaign = await f.campaign({
			giftIds: [socks.id, ecard.id, cinema.id, breakfast.id],
			...options
		});
		return { socks, ecard, cinema, breakfast, campaign };
	}

	it('auto-approves within the limit: reserves budget and stock, ready with the address on file, history and audit', async () => {
		const { socks, campaign } = await setup({ autoApproveLimitCents: 5000, budgetCents: 10_000 });
		const customer = await f.customer({ address: true });
		const s = await planOk({
			customerId: customer.id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id, variantId: socks.variants[0]!.id, quantity: 2 }],
			cardMessage: 'Hoi Zoë, fijne week! 🧦',
			internalNote: 'Klaagde over bezorging.'
		});
		expect(s.reference).toMatch(/^HOP-\d{5}$/);
		expect(s.autoApproval).toEqual({ attempted: true, approved: true, reason: null });
		expect(s.status).toBe('ready');
		expect(s.costCents).toBe(1000);
		expect(s.postage).toBe('stamp');
		expect(s.postageCents).toBe(128);
		expect(s.totalCents).toBe(1128);
		expect(s.addressId).toBe(customer.addressId);
		expect(s.approvedBy).toBeNull();
		expect(s.dueOn).toBe(dueDate(new Date(), 3));
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 1128, spent: 0 });
		expect(await f.stock(socks.variants[0]!.id)).toBe(8);

		const full = await get(s.id);
		expect(full.events!.map((e) => `${e.from}→${e.to}`)).toEqual([
			'null→planned',
			'planned→approved',
			'approved→ready'
		]);
		expect(full.events![0]!.actor?.id).toBe(hub.id);
		expect((await auditRows(database, 'surprise.plan', s.id)).length).toBe(1);
		expect((await auditRows(database, 'surprise.approve', s.id))[0]!.data).toMatchObject({
			automatic: true
		});
		expect((await auditRows(database, 'surprise.ready', s.id)).length).toBe(1);
	});

	it('tells the notes the system wrote in the reader’s language; a person’s own note stays as typed', async () => {
		const { socks, campaign } = await setup({ autoApproveLimitCents: 5000, budgetCents: 10_000 });
		const customer = await f.customer({ address: false });
		const s = await planOk({
			customerId: customer.id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id, variantId: socks.variants[0]!.id, quantity: 1 }]
		});
		const english = (await get(s.id)).events!.map((e) => e.note);
		expect(english).toContain(
			'Approved automatically: € 6,28 is within the auto-approve limit of € 50,00.'
		);
		expect(english).toContain('No address on file: send a claim link.');
		const res = await t.client.api.v1.surprises[':id'].$get(
			{ param: { id: s.id } },
			{ headers: { ...hub.headers, 'accept-language': 'nl-NL,nl;q=0.9' } }
		);
		const dutch = (await expectStatus<Surprise>(res, 200)).events!.map((e) => e.note);
		expect(dutch).toContain(
			'Automatisch goedgekeurd: € 6,28 valt binnen de grens van € 50,00 voor automatische goedkeuring.'
		);
		expect(dutch).toContain('Nog geen adres: stuur een adreslink.');
		expect(dutch[0]).toBe(english[0]);

		await expectStatus(
			await act(s.id, 'cancel', { reason: 'Customer would rather not; asked us by DM.' }),
			200
		);
		const cancelled = await expectStatus<Surprise>(
			await t.client.api.v1.surprises[':id'].$get(
				{ param: { id: s.id } },
				{ headers: { ...hub.headers, 'accept-language': 'nl' } }
			),
			200
		);
		expect(cancelled.events!.at(-1)!.note).toBe('Customer would rather not; asked us by DM.');
	});

	it('above the limit it stays planned; marketing approves; claim-less → awaiting_address → ready → printed → shipped (spent) → delivered', async () => {
		const { socks, cinema, campaign } = await setup({
			autoApproveLimitCents: 1000,
			budgetCents: 10_000
		});
		const customer = await f.customer();
		const s = await planOk({
			customerId: customer.id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }, { giftId: cinema.id, quantity: 2 }],
			postage: 'franking'
		});
		expect(s.status).toBe('planned');
		expect(s.autoApproval!.attempted).toBe(false);
		expect(s.autoApproval!.reason).toMatch(/auto-approve limit/);
		expect(s.totalCents).toBe(500 + 2400 + 450);
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 0 });

		await expectProblem(await act(s.id, 'approve', {}, hub.headers), 403);
		const approved = await expectStatus<Surprise>(
			await act(s.id, 'approve', { comment: 'Prima' }, marketing.headers),
			200
		);
		expect(approved.status).toBe('awaiting_address');
		expect(approved.approvedBy?.id).toBe(marketing.id);
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 3350, spent: 0 });
		// Two codes, one per item row, masked.
		const vouchers = approved.items.filter((i) => i.voucherCode !== null);
		expect(vouchers).toHaveLength(2);
		expect(vouchers.every((v) => v.quantity === 1 && v.voucherCode!.startsWith('••••'))).toBe(true);
		expect(await f.freeCodes(cinema.id)).toBe(1);
		// Sock size unknown: stock untouched until it is chosen.
		expect(await f.stock(socks.variants[0]!.id)).toBe(10);

		// Ready needs an address and a size.
		await expectProblem(await act(s.id, 'transition', { to: 'ready' }), 409);
		const address = await f.customer({ address: true }); // someone else's address
		const wrong = await expectProblem(
			await act(s.id, 'address', { addressId: address.addressId! }),
			400
		);
		expect(wrong.fields).toEqual(['addressId']);
		const own = await database.db.execute(
			sql`insert into addresses (customer_id, recipient_name, street, house_number, postcode, city, country) values (${customer.id}, 'Łukasz Żółć', 'Dorpsstraat', '2a', '1234 AB', 'Ons Dorp', 'NL') returning id`
		);
		const ownId = rowsOf<{ id: string }>(own)[0]!.id;
		const waiting = await expectStatus<Surprise>(
			await act(s.id, 'address', { addressId: ownId }),
			200
		);
		expect(waiting.status).toBe('awaiting_address');
		const sockItem = waiting.items.find((i) => i.voucherCode === null)!;
		const sized = await expectStatus<Surprise>(
			await t.client.api.v1.surprises[':id'].items[':itemId'].variant.$post(
				{ param: { id: s.id, itemId: sockItem.id }, json: { variantId: socks.variants[1]!.id } },
				{ headers: hub.headers }
			),
			200
		);
		expect(await f.stock(socks.variants[1]!.id)).toBe(9);
		expect(sized.status).toBe('awaiting_address');
		const ready = await expectStatus<Surprise>(await act(s.id, 'transition', { to: 'ready' }), 200);
		expect(ready.status).toBe('ready');
		expect(ready.addressId).toBe(ownId);

		// Illegal moves are 409 naming the status field.
		const skip = await expectProblem(await act(s.id, 'transition', { to: 'delivered' }), 409);
		expect(skip.fields).toEqual(['status']);
		await expectStatus(await act(s.id, 'transition', { to: 'printed' }), 200);
		// Shipping only goes through the pre-ship checklist (card in, postage on): the transition names that route.
		const refused = await expectProblem(
			await act(s.id, 'transition', { to: 'shipped', note: 'PostNL' }),
			422
		);
		expect(refused.fields).toEqual(['to']);
		expect(refused).toMatchObject({ shipRoute: `/api/v1/print/ship/${s.id}` });
		expect(refused.detail).toContain(`/api/v1/print/ship/${s.id}`);
		const shipped = await expectStatus<{ status: string }>(
			await t.client.api.v1.print.ship[':id'].$post(
				{
					param: { id: s.id },
					json: { checklist: { cardIn: true, postageOn: true }, note: 'PostNL' }
				},
				{ headers: hub.headers }
			),
			200
		);
		expect(shipped.status).toBe('shipped');
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 3350, spent: 3350 });
		await expectProblem(await act(s.id, 'cancel', { reason: 'te laat' }), 409);
		const delivered = await expectStatus<Surprise>(
			await act(s.id, 'transition', { to: 'delivered' }),
			200
		);
		expect(delivered.status).toBe('delivered');
		expect(delivered.events!.map((e) => e.to)).toEqual([
			'planned',
			'approved',
			'awaiting_address',
			'ready',
			'printed',
			'shipped',
			'delivered'
		]);
		expect(delivered.events!.find((e) => e.to === 'shipped')!.note).toBe('PostNL');
		await expectProblem(await act(s.id, 'transition', { to: 'printed' }), 409);
	});

	it('digital-only surprises go approved → sent (once the email is out) with no postage, spent then; never awaiting_address', async () => {
		const { ecard, campaign } = await setup({ autoApproveLimitCents: 1000 });
		const customer = await f.customer();
		await database.db
			.update(customers)
			.set({ email: 'ecard@example.test' })
			.where(eq(customers.id, customer.id));
		const s = await planOk({
			customerId: customer.id,
			campaignId: campaign.id,
			items: [{ giftId: ecard.id }]
		});
		expect(s.kind).toBe('digital');
		expect(s.postage).toBe('none');
		expect(s.postageCents).toBe(0);
		expect(s.status).toBe('approved');
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 50, spent: 0 });
		await deliverQueuedEmails({ db: database.db, transport: null });
		await settleSentGifts({ ctx: systemCtx(database.db) });
		expect(await f.money(campaign.id)).toMatchObject({ reserved: 50, spent: 50 });
		const full = await get(s.id);
		expect(full.status).toBe('sent');
		expect(full.events!.map((e) => e.to)).toEqual(['planned', 'approved', 'sent']);
		await expectProblem(await act(s.id, 'cancel', { reason: 'x' }), 409);
	});

	it('experience gifts carry no postage; postage follows the postage_cents setting', async () => {
		const { breakfast, socks, campaign } = await setup({ autoApproveLimitCents: 0 });
		const a = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: breakfast.id }]
		});
		expect([a.postage, a.postageCents, a.kind]).toEqual(['none', 0, 'physical']);
		await f.setting('postage_cents', 99);
		const b = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }],
			postage: 'postzegelcode'
		});
		expect([b.postage, b.postageCents]).toEqual(['postzegelcode', 99]);
		await f.setting('postage_cents', { stamp: 140, postzegelcode: 135, franking: 500 });
		const c = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }],
			postage: 'franking'
		});
		expect(c.postageCents).toBe(500);
		await database.db.execute(sql`delete from settings where key = 'postage_cents'`);
	});

	it('cooldown holds across campaigns and names the earlier surprise; a cancelled one does not count', async () => {
		const first = await setup({ autoApproveLimitCents: 0, cooldownDays: 0 });
		const second = await setup({ autoApproveLimitCents: 0, cooldownDays: 60 });
		const customer = await f.customer();
		const earlier = await planOk({
			customerId: customer.id,
			campaignId: first.campaign.id,
			items: [{ giftId: first.socks.id }]
		});
		const res = await plan({
			customerId: customer.id,
			campaignId: second.campaign.id,
			items: [{ giftId: second.socks.id }]
		});
		const problem = await expectProblem(res, 409);
		expect(problem.fields).toEqual(['customerId']);
		expect(problem.detail).toContain(earlier.reference);
		expect(problem.detail).toContain(f.today);
		expect(problem.earlierSurprise).toMatchObject({
			id: earlier.id,
			reference: earlier.reference,
			date: f.today
		});
		// A campaign without cooldown does not look back.
		await planOk({
			customerId: customer.id,
			campaignId: first.campaign.id,
			items: [{ giftId: first.socks.id }]
		}).then((s) => act(s.id, 'cancel', { reason: 'dubbel' }));
		await expectStatus(await act(earlier.id, 'cancel', { reason: 'klant wil niets' }), 200);
		await planOk({
			customerId: customer.id,
			campaignId: second.campaign.id,
			items: [{ giftId: second.socks.id }]
		});
	});

	it('cancel from a reserving state gives back budget, codes and stock exactly once', async () => {
		const { socks, cinema, campaign } = await setup({ autoApproveLimitCents: 100_000 });
		const customer = await f.customer({ address: true });
		const s = await planOk({
			customerId: customer.id,
			campaignId: campaign.id,
			items: [
				{ giftId: socks.id, variantId: socks.variants[0]!.id, quantity: 3 },
				{ giftId: cinema.id }
			]
		});
		expect(s.status).toBe('ready');
		expect(await f.stock(socks.variants[0]!.id)).toBe(7);
		expect(await f.freeCodes(cinema.id)).toBe(2);
		expect((await f.money(campaign.id)).reserved).toBe(s.totalCents);
		await expectStatus(await act(s.id, 'transition', { to: 'printed' }), 200);

		const missing = await expectProblem(await act(s.id, 'cancel', invalid({})), 400);
		expect(missing.fields).toEqual(['reason']);
		const cancelled = await expectStatus<Surprise>(
			await act(s.id, 'cancel', { reason: 'Verkeerde maat' }, marketing.headers),
			200
		);
		expect(cancelled.status).toBe('cancelled');
		expect(cancelled.items.every((i) => i.voucherCode === null)).toBe(true);
		const after = {
			stock: await f.stock(socks.variants[0]!.id),
			codes: await f.freeCodes(cinema.id),
			money: await f.money(campaign.id)
		};
		expect(after).toEqual({
			stock: 10,
			codes: 3,
			money: { reserved: 0, spent: 0, budget: 100_000 }
		});
		const again = await expectProblem(await act(s.id, 'cancel', { reason: 'nog eens' }), 409);
		expect(again.fields).toEqual(['status']);
		expect({
			stock: await f.stock(socks.variants[0]!.id),
			codes: await f.freeCodes(cinema.id),
			money: await f.money(campaign.id)
		}).toEqual(after);
		expect((await auditRows(database, 'surprise.cancel', s.id))[0]!.data).toMatchObject({
			from: 'printed',
			to: 'cancelled',
			note: 'Verkeerde maat'
		});
	});

	it('marketing rejects a planned surprise with a required comment', async () => {
		const { socks, campaign } = await setup();
		const s = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }]
		});
		expect(
			(await expectProblem(await act(s.id, 'reject', { comment: '  ' }, marketing.headers), 400))
				.fields
		).toEqual(['comment']);
		await expectProblem(await act(s.id, 'reject', { comment: 'nee' }, hub.headers), 403);
		const rejected = await expectStatus<Surprise>(
			await act(s.id, 'reject', { comment: 'Past niet bij de campagne' }, marketing.headers),
			200
		);
		expect(rejected.status).toBe('cancelled');
		expect(rejected.events!.at(-1)).toMatchObject({
			from: 'planned',
			to: 'cancelled',
			note: 'Past niet bij de campagne'
		});
		expect((await auditRows(database, 'surprise.reject', s.id)).length).toBe(1);
		await expectProblem(await act(s.id, 'approve', {}, marketing.headers), 409);
	});

	it('budget, maximum, stock and codes: auto-approval falls back to planned; manual approval is a 409', async () => {
		const { socks, cinema, campaign } = await setup({
			autoApproveLimitCents: 100_000,
			budgetCents: 1500,
			maxSurprises: 2
		});
		const first = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: cinema.id }]
		});
		expect(first.status).toBe('awaiting_address');
		const second = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: cinema.id }]
		});
		expect(second.status).toBe('planned');
		expect(second.autoApproval).toMatchObject({ attempted: true, approved: false });
		expect(second.autoApproval!.reason).toMatch(/budget is exhausted/);
		const budget = await expectProblem(await act(second.id, 'approve', {}, marketing.headers), 409);
		expect(budget.detail).toMatch(/budget is exhausted/);
		expect(budget.fields).toEqual(['campaignId']);
		// Nothing partial stayed behind from the failed attempts.
		expect(await f.freeCodes(cinema.id)).toBe(2);
		expect((await get(second.id)).events!.map((e) => e.to)).toEqual(['planned']);

		await database.db.execute(
			sql`update campaigns set budget_cents = 100000 where id = ${campaign.id}`
		);
		const third = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id, variantId: socks.variants[0]!.id, quantity: 11 }]
		});
		expect(third.autoApproval!.reason).toMatch(/out of stock/);
		await expectStatus(await act(second.id, 'approve', {}, marketing.headers), 200);
		const max = await expectProblem(await act(third.id, 'approve', {}, marketing.headers), 409);
		expect(max.detail).toMatch(/maximum of 2 surprises/);

		await database.db.execute(
			sql`update campaigns set max_surprises = null where id = ${campaign.id}`
		);
		const stock = await expectProblem(await act(third.id, 'approve', {}, marketing.headers), 409);
		expect(stock.detail).toMatch(/out of stock: 10 left, 11 needed/);
		const fourth = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: cinema.id, quantity: 2 }]
		});
		expect(fourth.autoApproval!.reason).toMatch(/No .* voucher codes left/);
		expect((await f.money(campaign.id)).reserved).toBe(first.totalCents + second.totalCents);
	});

	it('rejects bad input with problem+json naming the fields, and writes nothing', async () => {
		const { socks, campaign } = await setup();
		const other = await f.gift();
		const inactive = await f.gift({ active: false });
		const closed = await f.campaign({ giftIds: [socks.id], status: 'closed' });
		const future = await f.campaign({
			giftIds: [socks.id],
			startsOn: addDays(f.today, 5),
			endsOn: addDays(f.today, 10)
		});
		const draft = await f.campaign({ giftIds: [socks.id], status: 'draft' });
		const customer = await f.customer();
		const before = await database.db.select({ n: sql<number>`count(*)` }).from(surprises);
		const base = {
			customerId: customer.id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }]
		};
		const cases: [unknown, number, string[]][] = [
			[{}, 400, ['customerId', 'campaignId', 'items']],
			[{ ...base, customerId: 'nope' }, 400, ['customerId']],
			[{ ...base, items: [] }, 400, ['items']],
			[{ ...base, items: [{ giftId: socks.id, quantity: 0 }] }, 400, ['items.0.quantity']],
			[{ ...base, items: [{ giftId: socks.id, quantity: 1.5 }] }, 400, ['items.0.quantity']],
			[{ ...base, items: [{ giftId: socks.id, variantId: 'x' }] }, 400, ['items.0.variantId']],
			[{ ...base, postage: 'pigeon' }, 400, ['postage']],
			[{ ...base, cardMessage: 'a\u0000b' }, 400, ['cardMessage']],
			[{ ...base, cardMessage: 'x'.repeat(2001) }, 400, ['cardMessage']],
			[{ ...base, customerId: crypto.randomUUID() }, 400, ['customerId']],
			[{ ...base, campaignId: crypto.randomUUID() }, 400, ['campaignId']],
			[{ ...base, items: [{ giftId: other.id }] }, 400, ['items.0.giftId']],
			[
				{ ...base, items: [{ giftId: socks.id }, { giftId: inactive.id }] },
				400,
				['items.1.giftId']
			],
			[{ ...base, items: [{ giftId: crypto.randomUUID() }] }, 400, ['items.0.giftId']],
			[
				{ ...base, items: [{ giftId: socks.id, variantId: crypto.randomUUID() }] },
				400,
				['items.0.variantId']
			],
			[{ ...base, signedBy: crypto.randomUUID() }, 400, ['signedBy']],
			[{ ...base, campaignId: closed.id }, 409, ['campaignId']],
			[{ ...base, campaignId: future.id }, 409, ['campaignId']],
			[{ ...base, campaignId: draft.id }, 409, ['campaignId']]
		];
		for (const [body, status, fields] of cases) {
			const problem = await expectProblem(await plan(invalid(body)), status);
			expect(problem.fields.sort(), JSON.stringify(body).slice(0, 200)).toEqual([...fields].sort());
		}
		expect(await database.db.select({ n: sql<number>`count(*)` }).from(surprises)).toEqual(before);
		const s = await planOk(base);
		const badMoves: [string, unknown, number, string[]][] = [
			['transition', { to: 'sent' }, 400, ['to']],
			['transition', {}, 400, ['to']],
			['address', { addressId: 'x' }, 400, ['addressId']],
			['cancel', { reason: '' }, 400, ['reason']],
			[`items/${s.items[0]!.id}/variant`, { variantId: other.id }, 400, ['variantId']],
			[
				`items/${crypto.randomUUID()}/variant`,
				{ variantId: socks.variants[0]!.id },
				400,
				['itemId']
			]
		];
		for (const [action, body, status, fields] of badMoves) {
			// A table of moves by path with bodies invalid on purpose: sent by hand.
			const res = await t.request(`/api/v1/surprises/${s.id}/${action}`, {
				method: 'POST',
				headers: hub.headers,
				json: body
			});
			expect((await expectProblem(res, status)).fields, action).toEqual(fields);
		}
		const patch = await t.client.api.v1.surprises[':id'].$patch(
			{ param: { id: s.id }, json: {} },
			{ headers: hub.headers }
		);
		expect((await expectProblem(patch, 400)).detail).toBeTruthy();
		await expectProblem(
			await t.client.api.v1.surprises[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
		await expectProblem(
			await t.client.api.v1.surprises[':id'].$get(
				{ param: { id: 'not-a-uuid' } },
				{ headers: hub.headers }
			),
			400
		);
		await expectProblem(
			await t.client.api.v1.surprises.$get(
				{ query: { status: invalid('lost') } },
				{ headers: hub.headers }
			),
			400
		);
		await expectProblem(
			await t.client.api.v1.surprises.$get(
				{ query: { cursor: 'garbage' } },
				{ headers: hub.headers }
			),
			400
		);
	});

	it('roles: hub plans, marketing approves, tokens and anonymous callers are refused', async () => {
		const { socks, campaign } = await setup();
		const body = {
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }]
		};
		await expectProblem(await plan(body, marketing.headers), 403);
		await expectProblem(await plan(body, admin.headers), 403);
		await expectProblem(await plan(body, {}), 401);
		const token = await t.token(['nominations:write', 'customers:write']);
		await expectProblem(await plan(body, token.headers), 403);
		await expectProblem(
			await t.client.api.v1.surprises.$get({ query: {} }, { headers: token.headers }),
			403
		);
		expect(
			(await t.client.api.v1.surprises.$get({ query: {} }, { headers: marketing.headers })).status
		).toBe(200);
	});

	it('edits the card until printed; the internal note never reaches the recipient view', async () => {
		const { socks, campaign } = await setup({ autoApproveLimitCents: 100_000 });
		const s = await planOk({
			customerId: (await f.customer({ address: true })).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id, variantId: socks.variants[0]!.id }],
			internalNote: 'GEHEIM'
		});
		const edited = await expectStatus<Surprise & { cardMessage: string }>(
			await t.client.api.v1.surprises[':id'].$patch(
				{
					param: { id: s.id },
					json: {
						cardMessage: ' Lieve Şükrü,\r\nveel plezier! ',
						internalNote: 'nog steeds GEHEIM',
						signedBy: marketing.id
					}
				},
				{ headers: hub.headers }
			),
			200
		);
		expect(edited.cardMessage).toBe('Lieve Şükrü,\nveel plezier!');
		expect((await auditRows(database, 'surprise.update', s.id))[0]!.data).toMatchObject({
			fields: ['cardMessage', 'internalNote', 'signedBy']
		});
		expect(
			JSON.stringify((await auditRows(database, 'surprise.update', s.id))[0]!.data)
		).not.toContain('GEHEIM');
		const recipient = toRecipientView(await loadSurpriseView(systemCtx(database.db), s.id));
		expect(JSON.stringify(recipient)).not.toContain('GEHEIM');
		expect(Object.keys(recipient)).not.toContain('internalNote');
		await expectStatus(await act(s.id, 'transition', { to: 'printed' }), 200);
		const late = await t.client.api.v1.surprises[':id'].$patch(
			{ param: { id: s.id }, json: { cardMessage: 'anders' } },
			{ headers: hub.headers }
		);
		expect((await expectProblem(late, 409)).fields).toEqual(['status']);
	});

	it('lists with filters and cursor pages; overdue lists approved surprises past their due date', async () => {
		const { socks, campaign } = await setup({ autoApproveLimitCents: 100_000 });
		const made: Surprise[] = [];
		for (let i = 0; i < 5; i++) {
			made.push(
				await planOk({
					customerId: (await f.customer({ address: true })).id,
					campaignId: campaign.id,
					items: [{ giftId: socks.id, variantId: socks.variants[1]!.id }]
				})
			);
		}
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: { items: Surprise[]; nextCursor: string | null } = await expectStatus(
				await t.client.api.v1.surprises.$get(
					{ query: { campaignId: campaign.id, limit: '2', cursor: cursor || undefined } },
					{ headers: marketing.headers }
				),
				200
			);
			seen.push(...page.items.map((s) => s.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toEqual(made.map((s) => s.id).reverse());
		const ready = await expectStatus<{ items: Surprise[] }>(
			await t.client.api.v1.surprises.$get(
				{ query: { campaignId: campaign.id, status: 'ready' } },
				{ headers: hub.headers }
			),
			200
		);
		expect(ready.items).toHaveLength(5);

		await database.db
			.update(surprises)
			.set({ dueOn: addDays(f.today, -2) })
			.where(eq(surprises.id, made[0]!.id));
		await database.db
			.update(surprises)
			.set({ dueOn: addDays(f.today, -5) })
			.where(eq(surprises.id, made[1]!.id));
		await database.db
			.update(surprises)
			.set({ dueOn: addDays(f.today, -9), status: 'shipped' })
			.where(eq(surprises.id, made[2]!.id));
		const overdue = await expectStatus<{ items: Surprise[] }>(
			await t.client.api.v1.surprises.overdue.$get(
				{ query: { campaignId: campaign.id } },
				{ headers: marketing.headers }
			),
			200
		);
		expect(overdue.items.map((s) => s.id)).toEqual([made[1]!.id, made[0]!.id]);
		expect(overdue.items.every((s) => s.overdue)).toBe(true);
		const page1 = await expectStatus<{ items: Surprise[]; nextCursor: string }>(
			await t.client.api.v1.surprises.overdue.$get(
				{ query: { campaignId: campaign.id, limit: '1' } },
				{ headers: hub.headers }
			),
			200
		);
		const page2 = await expectStatus<{ items: Surprise[]; nextCursor: string | null }>(
			await t.client.api.v1.surprises.overdue.$get(
				{ query: { campaignId: campaign.id, limit: '1', cursor: page1.nextCursor } },
				{ headers: hub.headers }
			),
			200
		);
		expect([...page1.items, ...page2.items].map((s) => s.id)).toEqual([made[1]!.id, made[0]!.id]);
		expect(page2.nextCursor).toBeNull();
	});

	it('references count up from the highest existing one; a claim expiry returns the surprise to the hub', async () => {
		const { socks, campaign } = await setup({ autoApproveLimitCents: 100_000 });
		const [{ max }] = (await database.db
			.select({ max: sql<string>`max(reference)` })
			.from(surprises)) as [{ max: string }];
		const a = await planOk({
			customerId: (await f.customer()).id,
			campaignId: campaign.id,
			items: [{ giftId: socks.id }]
		});
		expect(Number(a.reference.slice(4))).toBe(Number(max.slice(4)) + 1);
		expect(a.status).toBe('awaiting_address');
		await returnSurpriseToHub(systemCtx(database.db), {
			id: a.id,
			note: 'Claim link expired unused.'
		});
		const back = await get(a.id);
		expect(back.status).toBe('approved');
		expect(back.events!.at(-1)).toMatchObject({
			from: 'awaiting_address',
			to: 'approved',
			actor: null
		});
		expect((await f.money(campaign.id)).reserved).toBe(a.totalCents);
		const rows = await database.db
			.select()
			.from(surpriseEvents)
			.where(and(eq(surpriseEvents.surpriseId, a.id)));
		expect(rows).toHaveLength(4);
		const codes = await database.db
			.select()
			.from(voucherCodes)
			.where(eq(voucherCodes.surpriseId, a.id));
		expect(codes).toHaveLength(0);
	});
});

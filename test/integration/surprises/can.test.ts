/**
 * The `can` flags of the surprise view (and of the ship view and the print-job list) say what THIS
 * caller may do next, by the same rules the verbs enforce: a flag that is false means the verb
 * refuses, a flag that is true means it goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '#db/client.ts';
import { customers, surprises } from '#db/schema/index.ts';
import { systemCtx } from '#api/domain/context.ts';
import { deliverQueuedEmails } from '#api/domain/email/deliver-queued-emails.ts';
import { settleSentGifts } from '#api/domain/vouchers/settle-sent-gifts.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from './fixtures.ts';

type Can = {
	edit: boolean;
	approve: boolean;
	reject: boolean;
	cancel: boolean;
	createClaimLink: boolean;
	print: boolean;
	ship: boolean;
	advance: string[];
	sendGiftEmail: boolean;
	revealCodes: boolean;
};
type Surprise = { id: string; status: string; kind: string; can: Can };
type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

const none: Can = {
	edit: false,
	approve: false,
	reject: false,
	cancel: false,
	createClaimLink: false,
	print: false,
	ship: false,
	advance: [],
	sendGiftEmail: false,
	revealCodes: false
};

describe('surprise can flags (pglite)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: User;
	let marketing: User;
	let admin: User;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		f = fixtures(database);
		[hub, marketing, admin] = await Promise.all([
			t.user('hub'),
			t.user('marketing'),
			t.user('admin')
		]);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const view = async (id: string, who: User) =>
		expectStatus<Surprise>(
			await t.client.api.v1.surprises[':id'].$get({ param: { id } }, { headers: who.headers }),
			200
		);
	type Action = 'approve' | 'reject' | 'cancel' | 'transition';
	type Routes = (typeof t.client.api.v1.surprises)[':id'];
	type ActionJson = {
		approve: JsonOf<Routes['approve']['$post']>;
		reject: JsonOf<Routes['reject']['$post']>;
		cancel: JsonOf<Routes['cancel']['$post']>;
		transition: JsonOf<Routes['transition']['$post']>;
	};
	// One route per action; the cast only joins them: each call's body is checked against its action.
	const act = <A extends Action>(id: string, action: A, who: User, json: ActionJson[A]) =>
		(
			t.client.api.v1.surprises[':id'][action] as unknown as {
				$post: (
					args: { param: { id: string }; json: ActionJson[A] },
					options: { headers: Record<string, string> }
				) => Promise<Response>;
			}
		).$post({ param: { id }, json }, { headers: who.headers });
	const claimLink = (id: string, who: User) =>
		t.client.api.v1['claim-links'].$post({ json: { surpriseId: id } }, { headers: who.headers });

	async function planned(
		options: { autoApproveLimitCents?: number; address?: boolean; digital?: boolean } = {}
	) {
		const gift = await f.gift(
			options.digital
				? { kind: 'digital', unitCostCents: 50 }
				: { kind: 'item', unitCostCents: 500 }
		);
		const campaign = await f.campaign({
			giftIds: [gift.id],
			budgetCents: 100_000,
			autoApproveLimitCents: options.autoApproveLimitCents ?? 100
		});
		const customer = await f.customer({ address: options.address ?? false });
		const res = await t.client.api.v1.surprises.$post(
			{ json: { customerId: customer.id, campaignId: campaign.id, items: [{ giftId: gift.id }] } },
			{ headers: hub.headers }
		);
		return expectStatus<Surprise>(res, 201);
	}

	it('a planned surprise: the hub edits and cancels, marketing decides, the admin only reads; the verbs agree', async () => {
		const s = await planned();
		expect(s.status).toBe('planned');
		expect((await view(s.id, hub)).can).toEqual({ ...none, edit: true, cancel: true });
		expect((await view(s.id, marketing)).can).toEqual({
			...none,
			approve: true,
			reject: true,
			cancel: true
		});
		expect((await view(s.id, admin)).can).toEqual(none);
		// The planner's own answer carries the planner's flags.
		expect(s.can).toEqual({ ...none, edit: true, cancel: true });

		// Flag false → the verb refuses.
		await expectProblem(await act(s.id, 'approve', hub, {}), 403);
		await expectProblem(await act(s.id, 'reject', hub, { comment: 'Nee' }), 403);
		await expectProblem(await act(s.id, 'cancel', admin, { reason: 'Weg' }), 403);
		await expectProblem(await claimLink(s.id, hub), 409);
		const patch = (who: User) =>
			t.client.api.v1.surprises[':id'].$patch(
				{ param: { id: s.id }, json: { cardMessage: 'Hoi!' } },
				{ headers: who.headers }
			);
		await expectProblem(await patch(marketing), 403);
		// Flag true → it goes through.
		await expectStatus(await patch(hub), 200);
		const approved = await expectStatus<Surprise>(
			await act(s.id, 'approve', marketing, { comment: 'Prima' }),
			200
		);
		expect(approved.status).toBe('awaiting_address');
		// Marketing's answer: approved, so no decision any more; it may still cancel.
		expect(approved.can).toEqual({ ...none, cancel: true });
	});

	it('waiting for an address: the hub and the admin may make a claim link, marketing may not', async () => {
		const s = await planned({ autoApproveLimitCents: 10_000 });
		expect(s.status).toBe('awaiting_address');
		const hubCan = (await view(s.id, hub)).can;
		expect(hubCan).toMatchObject({
			edit: true,
			createClaimLink: true,
			cancel: true,
			print: false,
			ship: false,
			approve: false
		});
		expect(hubCan.advance).toEqual(['ready']);
		expect((await view(s.id, marketing)).can).toEqual({ ...none, cancel: true });
		expect((await view(s.id, admin)).can).toEqual({ ...none, createClaimLink: true });

		await expectProblem(await claimLink(s.id, marketing), 403);
		await expectStatus(await claimLink(s.id, admin), 201);
		await expectStatus(await claimLink(s.id, hub), 201);
	});

	it('ready and printed: printers (hub, admin) print, then ship; the print-job list and the ship view say the same', async () => {
		const s = await planned({ autoApproveLimitCents: 10_000, address: true });
		expect(s.status).toBe('ready');
		expect((await view(s.id, hub)).can).toEqual({
			...none,
			edit: true,
			cancel: true,
			print: true,
			advance: ['printed']
		});
		expect((await view(s.id, admin)).can).toEqual({ ...none, print: true });
		expect((await view(s.id, marketing)).can).toEqual({ ...none, cancel: true });

		const jobs = async (who: User) =>
			(
				await expectStatus<{ can: { print: boolean } }>(
					await t.client.api.v1.print.jobs.$get({ query: {} }, { headers: who.headers }),
					200
				)
			).can;
		expect(await jobs(hub)).toEqual({ print: true });
		expect(await jobs(admin)).toEqual({ print: true });
		expect(await jobs(marketing)).toEqual({ print: false });

		const ship = async (who: User) =>
			expectStatus<{ canShip: boolean; can: { ship: boolean; readAddress: boolean } }>(
				await t.client.api.v1.print.ship[':id'].$get(
					{ param: { id: s.id } },
					{ headers: who.headers }
				),
				200
			);
		expect((await ship(hub)).can).toEqual({ ship: false, readAddress: true });
		expect((await ship(marketing)).can).toEqual({ ship: false, readAddress: false });
		await expectProblem(
			await t.client.api.v1.print.ship[':id'].address.$get(
				{ param: { id: s.id } },
				{ headers: marketing.headers }
			),
			403
		);

		const printed = await expectStatus<Surprise>(
			await act(s.id, 'transition', hub, { to: 'printed' }),
			200
		);
		expect(printed.can).toEqual({
			...none,
			cancel: true,
			print: true,
			ship: true,
			advance: ['shipped', 'ready']
		});
		expect((await ship(hub)).can).toEqual({ ship: true, readAddress: true });
		expect((await ship(admin)).can).toEqual({ ship: true, readAddress: true });
		expect((await ship(marketing)).can).toEqual({ ship: false, readAddress: false });
		await expectProblem(
			await t.client.api.v1.print.ship[':id'].$post(
				{ param: { id: s.id }, json: { checklist: { cardIn: true, postageOn: true } } },
				{ headers: marketing.headers }
			),
			403
		);
		await expectStatus(
			await t.client.api.v1.print.ship[':id'].$post(
				{ param: { id: s.id }, json: { checklist: { cardIn: true, postageOn: true } } },
				{ headers: admin.headers }
			),
			200
		);
		expect((await view(s.id, hub)).can).toEqual({ ...none, advance: ['delivered'] });
	});

	it('a digital surprise gets no claim link and no print; approved it waits for its email (the hub sends it), sent only the hub can resend', async () => {
		const s = await planned({ autoApproveLimitCents: 10, digital: true });
		expect(s.kind).toBe('digital');
		expect(s.status).toBe('planned');
		expect((await view(s.id, hub)).can).toEqual({ ...none, edit: true, cancel: true });
		expect((await view(s.id, admin)).can).toEqual(none);
		await expectProblem(await claimLink(s.id, admin), 409);
		const approved = await expectStatus<Surprise>(
			await act(s.id, 'approve', marketing, { comment: 'Prima' }),
			200
		);
		// The customer has no email address yet: the surprise waits, approved.
		expect(approved.status).toBe('approved');
		expect((await view(s.id, hub)).can).toEqual({
			...none,
			edit: true,
			cancel: true,
			sendGiftEmail: true
		});
		expect((await view(s.id, admin)).can).toEqual(none);
		const send = (who: User) =>
			t.client.api.v1.surprises[':id']['gift-email'].$post(
				{ param: { id: s.id } },
				{ headers: who.headers }
			);
		await expectProblem(await send(admin), 403);
		await expectProblem(await send(marketing), 403);
		// The flag says the role and status allow it; the data (no address) still refuses.
		expect((await expectProblem(await send(hub), 409)).fields).toEqual(['email']);
		const [row] = await database.db.select().from(surprises).where(eq(surprises.id, s.id));
		await database.db
			.update(customers)
			.set({ email: 'digitaal@example.test' })
			.where(eq(customers.id, row!.customerId));
		await expectStatus(await send(hub), 200);
		await deliverQueuedEmails({ db: database.db, transport: null });
		await settleSentGifts({ ctx: systemCtx(database.db) });
		expect((await view(s.id, hub)).status).toBe('sent');
		expect((await view(s.id, hub)).can).toEqual({ ...none, sendGiftEmail: true });
		for (const who of [marketing, admin]) expect((await view(s.id, who)).can).toEqual(none);
		await expectProblem(await act(s.id, 'cancel', hub, { reason: 'Weg' }), 409);
	});
});

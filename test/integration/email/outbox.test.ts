import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { campaigns, emailOutbox, users } from '#db/schema/index.ts';
import type { Ctx } from '#api/domain/context.ts';
import { deliverQueuedEmails } from '#api/domain/email/deliver-queued-emails.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { queueApprovalRequest } from '#api/domain/email/queue-approval-request.ts';
import { queueDecisionEmail } from '#api/domain/email/queue-decision-email.ts';
import { queueLowStockAlert } from '#api/domain/email/queue-low-stock-alert.ts';
import { sendDailyDigest } from '#api/domain/email/send-daily-digest.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { claimFixtures } from '../claims/fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
const asCtx = (t: ReturnType<typeof testApi>, u: User): Ctx => ({
	...t.ctx,
	actor: { type: 'user', id: u.id, role: u.role, name: u.name, email: u.email }
});

describe.each(engines)('outbox and staff mail on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: User;
	let admin: User;
	let oneByOne: User;
	let digester: User;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		hub = await t.user('hub', { name: 'Sanne de Boer' });
		admin = await t.user('admin');
		oneByOne = await t.user('marketing', { name: 'Marloes Jansen' });
		digester = await t.user('marketing', { name: 'محمد الأحمد' });
		await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, oneByOne.id));
		await database.db.update(users).set({ digest: true }).where(eq(users.id, digester.id));
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const mails = (prefix: string) =>
		database.db
			.select()
			.from(emailOutbox)
			.where(like(emailOutbox.eventKey, `${prefix}%`));

	it('without SMTP_URL mail is filed in the local outbox, and staff can read it there (HTML and text)', async () => {
		const { id } = await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: 'outbox:1',
				to: { name: 'Zoë', address: 'zoe@example.test' },
				template: 'low-stock',
				locale: 'nl',
				data: {
					recipientName: 'Zoë',
					giftName: '<Sokken>',
					variantName: 'M',
					stock: 1,
					threshold: 2,
					url: 'https://hoppatee.example/gifts/1'
				}
			}
		});
		expect(
			(await deliverQueuedEmails({ db: database.db, transport: null })).filed
		).toBeGreaterThanOrEqual(1);
		const list = await expectStatus<{
			items: { id: string; status: string; to: string; subject: string }[];
			nextCursor: string | null;
		}>(
			await t.client.api.v1.outbox.$get({ query: { limit: '50' } }, { headers: hub.headers }),
			200
		);
		const item = list.items.find((i) => i.id === id)!;
		expect(item).toMatchObject({
			status: 'outbox',
			to: '"Zoë" <zoe@example.test>',
			subject: 'Bijna op: <Sokken> (M), nog 1'
		});
		const full = await expectStatus<{ html: string; text: string }>(
			await t.client.api.v1.outbox[':id'].$get(
				{ param: { id: id! } },
				{ headers: oneByOne.headers }
			),
			200
		);
		expect(full.html).toContain('&lt;Sokken&gt;');
		expect(full.text).toContain('<Sokken>');
		expect((await t.client.api.v1.outbox.$get({ query: {} })).status).toBe(401);
		await expectProblem(
			await t.client.api.v1.outbox[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
	});

	it('pages newest first with a cursor; admin can requeue a failed message, nothing else', async () => {
		for (let i = 0; i < 5; i++) {
			await enqueueEmail({
				ctx: t.ctx,
				input: {
					eventKey: `page:${i}`,
					to: 'a@example.test',
					template: 'low-stock',
					locale: 'en',
					data: {
						recipientName: 'A',
						giftName: `G${i}`,
						variantName: 'V',
						stock: 0,
						threshold: 1,
						url: 'https://hoppatee.example/'
					}
				}
			});
		}
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: { items: { id: string; createdAt: string }[]; nextCursor: string | null } =
				await expectStatus(
					await t.client.api.v1.outbox.$get(
						{ query: { limit: '2', cursor: cursor || undefined } },
						{ headers: admin.headers }
					),
					200
				);
			seen.push(...page.items.map((i) => i.id));
			cursor = page.nextCursor;
		} while (cursor);
		const all = await database.db.select({ id: emailOutbox.id }).from(emailOutbox);
		expect(new Set(seen).size).toBe(all.length);
		expect(seen).toHaveLength(all.length);

		const [one] = await mails('page:0');
		expect(
			(
				await t.client.api.v1.outbox[':id'].retry.$post(
					{ param: { id: one!.id } },
					{ headers: hub.headers }
				)
			).status
		).toBe(403);
		await expectProblem(
			await t.client.api.v1.outbox[':id'].retry.$post(
				{ param: { id: one!.id } },
				{ headers: admin.headers }
			),
			409
		);
		await database.db
			.update(emailOutbox)
			.set({ status: 'failed', attempts: 8, lastError: '550 no' })
			.where(eq(emailOutbox.id, one!.id));
		const retried = await expectStatus<{ status: string; attempts: number }>(
			await t.client.api.v1.outbox[':id'].retry.$post(
				{ param: { id: one!.id } },
				{ headers: admin.headers }
			),
			200
		);
		expect(retried).toMatchObject({ status: 'queued', attempts: 0 });
	});

	it('approval requests: one by one to marketing users who want that (in their language), the daily digest to the others, once each', async () => {
		const f = claimFixtures(database);
		const s = await f.surprise({ status: 'planned', createdBy: hub.id, name: 'Zoë Ĳsbrand' });
		const [own] = await database.db
			.insert(campaigns)
			.values({
				name: 'Zomer',
				kind: 'theme',
				status: 'submitted',
				startsOn: '2027-06-01',
				endsOn: '2027-08-31',
				budgetCents: 150_000,
				createdBy: digester.id
			})
			.returning();

		expect(
			await queueApprovalRequest({
				ctx: asCtx(t, hub),
				input: { kind: 'surprise', id: s.id, origin: 'https://hoppatee.example' }
			})
		).toEqual({ queued: 1 });
		expect(
			await queueApprovalRequest({ ctx: asCtx(t, hub), input: { kind: 'surprise', id: s.id } })
		).toEqual({ queued: 0 });
		const requests = await mails(`approval-request:surprise:${s.id}`);
		expect(requests).toHaveLength(1);
		expect(requests[0]!.toAddress).toBe(`"Marloes Jansen" <${oneByOne.email}>`);
		expect(requests[0]!.subject).toBe(`Approval needed: ${s.reference} for Zoë Ĳsbrand`);
		expect(requests[0]!.text).toContain(`https://hoppatee.example/surprises/${s.id}`);
		expect(requests[0]!.text).toContain('Sanne asks for your approval');
		expect(requests[0]!.text).toContain('€11.78');

		// The campaign's creator never gets asked to approve it.
		expect(
			await queueApprovalRequest({ ctx: asCtx(t, admin), input: { kind: 'campaign', id: own!.id } })
		).toEqual({ queued: 1 });

		const morning = { ...t.ctx, now: () => new Date('2026-11-23T07:30:00Z') };
		expect(
			await sendDailyDigest({ ctx: morning, input: { origin: 'https://hoppatee.example' } })
		).toEqual({ queued: 1 });
		expect(await sendDailyDigest({ ctx: morning })).toEqual({ queued: 0 });
		const [digest] = await mails(`daily-digest:${digester.id}:2026-11-23`);
		expect(digest!.subject).toMatch(/^Hoppatee: \d+ wacht op je goedkeuring \(23 november 2026\)$/);
		expect(digest!.text).toContain(s.reference);
		expect(digest!.text).not.toContain('Zomer');
		expect(digest!.html).toContain('Hoi <bdi>محمد</bdi>,');
		expect(
			(await expectProblem(await t.client.api.v1.outbox.$get({ query: {} }), 401)).status
		).toBe(401);
		await expect(sendDailyDigest({ ctx: asCtx(t, hub) })).rejects.toThrow();
	});

	it('decisions go to the hub’er with the comment; low stock to marketing once a day per variant', async () => {
		const f = claimFixtures(database);
		const s = await f.surprise({
			status: 'planned',
			createdBy: hub.id,
			stock: 2,
			lowStockThreshold: 3
		});
		expect(
			await queueDecisionEmail({
				ctx: asCtx(t, oneByOne),
				input: {
					kind: 'surprise',
					id: s.id,
					decision: 'rejected',
					comment: 'Te duur <voor> nu',
					toUserId: hub.id
				}
			})
		).toEqual({ queued: true });
		const [decision] = await mails(`decision:surprise:${s.id}`);
		expect(decision!.subject).toBe(`Afgewezen: ${s.reference} voor Zoë Ĳsbrand`);
		expect(decision!.html).toContain('Te duur &lt;voor&gt; nu');
		expect(decision!.text).toContain('Marloes heeft');

		expect(await queueLowStockAlert({ ctx: t.ctx, input: { variantId: s.small } })).toEqual({
			queued: 2
		});
		expect(await queueLowStockAlert({ ctx: t.ctx, input: { variantId: s.small } })).toEqual({
			queued: 0
		});
		const alerts = await mails(`low-stock:${s.small}`);
		expect(alerts.map((a) => a.subject).sort()).toEqual([
			expect.stringMatching(/^Bijna op: Hoppatee-sokken \d+ \(36–40\), nog 2$/),
			expect.stringMatching(/^Running low: Hoppatee-sokken \d+ \(36–40\), 2 left$/)
		]);
	});
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import {
	addresses,
	ambassadorScores,
	auditLog,
	claimLinks,
	customers,
	handles,
	nominations,
	reactions,
	settings,
	surpriseItems,
	surprises
} from '#db/schema/index.ts';
import { applyAddressRetention } from '#api/domain/privacy/apply-address-retention.ts';
import { readFullAddress } from '#api/domain/privacy/read-full-address.ts';
import { systemCtx } from '#api/domain/context.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { daysAgo, fixtures, userCtx } from './fixtures.ts';

describe.each(engines)('privacy on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let admin: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		admin = await t.user('admin');
		marketing = await t.user('marketing');
		hub = await t.user('hub');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const auditRows = (action: string, entityId?: string) =>
		database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : undefined)
			)
			.orderBy(auditLog.id);
	const addressById = async (id: string) =>
		(await database.db.select().from(addresses).where(eq(addresses.id, id)))[0]!;
	const runRetention = async () => {
		const res = await t.client.api.v1.privacy.retention.run.$post({}, { headers: admin.headers });
		expect(res.status, await res.clone().text()).toBe(200);
		return res.json() as Promise<{
			retentionDays: number;
			anonymised: number;
			afterDelivery: number;
			unused: number;
		}>;
	};

	describe('address retention', () => {
		it('anonymises addresses N days after delivery, keeps recent and in-use ones, and is idempotent', async () => {
			const c = await f.customer();
			const oldDelivery = await f.address(c.id, { createdAt: daysAgo(50) });
			await f.surprise(c.id, {
				addressId: oldDelivery.id,
				deliveredAt: daysAgo(40),
				createdAt: daysAgo(50)
			});
			const recentDelivery = await f.address(c.id, { createdAt: daysAgo(50), street: 'Dorpsweg' });
			await f.surprise(c.id, {
				addressId: recentDelivery.id,
				deliveredAt: daysAgo(5),
				createdAt: daysAgo(50)
			});
			const inUse = await f.address(c.id, { createdAt: daysAgo(60) });
			await f.surprise(c.id, { addressId: inUse.id, status: 'ready', createdAt: daysAgo(60) });
			const reused = await f.address(c.id, { createdAt: daysAgo(90) });
			await f.surprise(c.id, {
				addressId: reused.id,
				deliveredAt: daysAgo(80),
				createdAt: daysAgo(90)
			});
			await f.surprise(c.id, {
				addressId: reused.id,
				deliveredAt: daysAgo(2),
				createdAt: daysAgo(10)
			});
			const unusedOld = await f.address(c.id, {
				createdAt: daysAgo(45),
				country: 'DE',
				postcode: '10115',
				postcodeArea: null,
				city: 'Berlin'
			});
			const unusedNew = await f.address(c.id, { createdAt: daysAgo(3) });

			const first = await runRetention();
			expect(first).toMatchObject({
				retentionDays: 30,
				anonymised: 2,
				afterDelivery: 1,
				unused: 1
			});

			const gone = await addressById(oldDelivery.id);
			expect(gone).toMatchObject({
				recipientName: null,
				street: null,
				houseNumber: null,
				addition: null,
				postcode: null,
				country: 'NL',
				postcodeArea: '1234',
				city: 'Amsterdam'
			});
			expect(gone.anonymisedAt).toBeInstanceOf(Date);
			expect(await addressById(unusedOld.id)).toMatchObject({
				street: null,
				postcode: null,
				country: 'DE',
				postcodeArea: '101'
			});
			for (const kept of [recentDelivery, inUse, reused, unusedNew]) {
				expect(await addressById(kept.id)).toMatchObject({
					recipientName: 'Anouk de Vries',
					houseNumber: '12',
					postcode: '1234 AB',
					anonymisedAt: null
				});
			}

			const again = await runRetention();
			expect(again.anonymised).toBe(0);
			expect((await addressById(oldDelivery.id)).anonymisedAt!.getTime()).toBe(
				gone.anonymisedAt!.getTime()
			);
			const audits = await auditRows('address.retention');
			expect(audits.length).toBeGreaterThanOrEqual(2);
			expect(audits.at(-2)!.data).toMatchObject({ anonymised: 2, afterDelivery: 1 });
		});

		it('follows the retention_days setting, and runs as the system actor (the daily job)', async () => {
			const c = await f.customer();
			const a = await f.address(c.id, { createdAt: daysAgo(20) });
			await f.surprise(c.id, { addressId: a.id, deliveredAt: daysAgo(8), createdAt: daysAgo(20) });
			await database.db
				.insert(settings)
				.values({ key: 'retention_days', value: 7 })
				.onConflictDoUpdate({ target: settings.key, set: { value: 7 } });
			try {
				const result = await applyAddressRetention({ ctx: systemCtx(database.db) });
				expect(result.retentionDays).toBe(7);
				expect((await addressById(a.id)).street).toBeNull();
			} finally {
				await database.db.delete(settings).where(eq(settings.key, 'retention_days'));
			}
		});

		it('is for admins only', async () => {
			for (const who of [hub, marketing]) {
				const res = await t.client.api.v1.privacy.retention.run.$post({}, { headers: who.headers });
				expect(res.status).toBe(403);
				expect(res.headers.get('content-type')).toContain('application/problem+json');
			}
			await expect(
				applyAddressRetention({ ctx: userCtx(database, { ...hub, role: 'hub' }) })
			).rejects.toThrow(/role/);
		});
	});

	describe('reading a full address', () => {
		it('returns the address and writes an address.read audit row with the reason', async () => {
			const c = await f.customer();
			const a = await f.address(c.id);
			const full = await readFullAddress({
				ctx: userCtx(database, { ...hub, role: 'hub' }),
				input: { addressId: a.id, reason: 'print' }
			});
			expect(full).toMatchObject({
				recipientName: 'Anouk de Vries',
				street: 'Kerkstraat',
				houseNumber: '12',
				postcode: '1234 AB'
			});
			const rows = await auditRows('address.read', a.id);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				actorId: hub.id,
				data: { reason: 'print', customerId: c.id }
			});
		});
		it('refuses an anonymised address (409) and an unknown one (404)', async () => {
			const c = await f.customer();
			const a = await f.address(c.id, { anonymisedAt: new Date(), street: null });
			const ctx = userCtx(database, { ...hub, role: 'hub' });
			await expect(
				readFullAddress({ ctx, input: { addressId: a.id, reason: 'print' } })
			).rejects.toMatchObject({ code: 'conflict' });
			await expect(
				readFullAddress({ ctx, input: { addressId: crypto.randomUUID(), reason: 'print' } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(
				readFullAddress({ ctx, input: { addressId: a.id, reason: ' ' } })
			).rejects.toThrow();
			expect(await auditRows('address.read', a.id)).toHaveLength(0);
		});
	});

	describe('export', () => {
		it('contains everything held about the customer and audits each full address read', async () => {
			const c = await f.customer({ name: 'Łukasz Żółć' });
			const h = await f.handle(c.id, '@lukasz');
			const home = await f.address(c.id, { recipientName: 'Łukasz Żółć' });
			const old = await f.address(c.id, {
				recipientName: null,
				street: null,
				houseNumber: null,
				postcode: null,
				anonymisedAt: daysAgo(1)
			});
			const s = await f.surprise(c.id, { addressId: home.id, deliveredAt: daysAgo(3) });
			await database.db.insert(claimLinks).values({
				surpriseId: s.id,
				tokenHash: `hash-${crypto.randomUUID()}`,
				expiresAt: daysAgo(-14)
			});
			await database.db.insert(nominations).values({
				customerId: c.id,
				reason: 'loyalty',
				text: 'Al 10 jaar klant',
				postUrl: 'https://x.com/lukasz/status/1'
			});
			await database.db.insert(reactions).values({
				customerId: c.id,
				surpriseId: s.id,
				channel: 'x',
				url: `https://x.com/lukasz/status/${crypto.randomUUID()}`,
				text: 'Leuke verrassing!',
				postedAt: daysAgo(2),
				sentiment: 'positive',
				likes: 12
			});
			await database.db
				.insert(ambassadorScores)
				.values({ customerId: c.id, score: 2.5, tier: 'fan' });

			const res = await t.client.api.v1.privacy.customers[':id'].export.$get(
				{ param: { id: c.id } },
				{ headers: admin.headers }
			);
			expect(res.status, await res.clone().text()).toBe(200);
			expect(res.headers.get('content-disposition')).toContain(`hoppatee-export-${c.id}.json`);
			const data = await res.json();
			expect(data).toMatchObject({
				format: 'hoppatee.customer-export',
				version: 1,
				customer: { id: c.id, name: 'Łukasz Żółć', notes: 'Houdt van rode sokken.' }
			});
			expect(data.handles.map((x: { id: string }) => x.id)).toEqual([h.id]);
			const byId = Object.fromEntries(data.addresses.map((a: { id: string }) => [a.id, a]));
			expect(byId[home.id]).toMatchObject({
				recipientName: 'Łukasz Żółć',
				street: 'Kerkstraat',
				postcode: '1234 AB',
				country: 'NL'
			});
			expect(byId[old.id]).toMatchObject({ postcodeArea: '1234', city: 'Amsterdam' });
			expect(byId[old.id].street).toBeUndefined();
			expect(data.nominations[0]).toMatchObject({ text: 'Al 10 jaar klant' });
			expect(data.surprises[0]).toMatchObject({
				reference: s.reference,
				campaign: 'Altijd aan',
				cardMessage: s.cardMessage,
				internalNote: s.internalNote
			});
			expect(data.surprises[0].items[0]).toMatchObject({
				gift: 'Sokken',
				quantity: 1,
				unitCostCents: 750
			});
			expect(data.surprises[0].events[0]).toMatchObject({ toStatus: 'delivered' });
			expect(data.claimLinks).toHaveLength(1);
			expect(JSON.stringify(data)).not.toMatch(/tokenHash|hash-/);
			expect(data.reactions[0]).toMatchObject({ text: 'Leuke verrassing!', likes: 12 });
			expect(data.ambassadorScore).toMatchObject({ score: 2.5, tier: 'fan' });
			expect(data.auditLog.map((r: { action: string }) => r.action)).toEqual(
				expect.arrayContaining(['address.read', 'customer.export'])
			);

			const reads = await auditRows('address.read', home.id);
			expect(reads).toHaveLength(1);
			expect(reads[0]).toMatchObject({
				actorId: admin.id,
				data: { reason: 'export', customerId: c.id }
			});
			expect(await auditRows('address.read', old.id)).toHaveLength(0);
			expect(await auditRows('customer.export', c.id)).toHaveLength(1);
		});

		it('is admin only, 404 for an unknown customer, 400 for a bad id', async () => {
			const c = await f.customer();
			for (const who of [hub, marketing])
				expect(
					(
						await t.client.api.v1.privacy.customers[':id'].export.$get(
							{ param: { id: c.id } },
							{ headers: who.headers }
						)
					).status
				).toBe(403);
			expect(
				(await t.client.api.v1.privacy.customers[':id'].export.$get({ param: { id: c.id } })).status
			).toBe(401);
			const missing = await t.client.api.v1.privacy.customers[':id'].export.$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: admin.headers }
			);
			expect(missing.status).toBe(404);
			expect(missing.headers.get('content-type')).toContain('application/problem+json');
			const bad = await t.client.api.v1.privacy.customers[':id'].export.$get(
				{ param: { id: 'not-a-uuid' } },
				{ headers: admin.headers }
			);
			expect(bad.status).toBe(400);
			expect((await bad.json()).errors[0].field).toBe('id');
		});
	});

	describe('erasure', () => {
		it('removes personal text, keeps counts, costs and sentiment, and audits it', async () => {
			const c = await f.customer({ name: 'Şükrü Öztürk' });
			await f.handle(c.id, '@sukru');
			const home = await f.address(c.id, { recipientName: 'Şükrü Öztürk' });
			const s1 = await f.surprise(c.id, { addressId: home.id, deliveredAt: daysAgo(3) });
			await f.surprise(c.id, { status: 'cancelled' });
			await database.db.insert(nominations).values({
				customerId: c.id,
				reason: 'great_conversation',
				text: 'Leuk gesprek over zijn kat',
				postUrl: 'https://x.com/sukru/status/9'
			});
			await database.db.insert(reactions).values({
				customerId: c.id,
				surpriseId: s1.id,
				channel: 'x',
				url: `https://x.com/sukru/status/${crypto.randomUUID()}`,
				text: 'Dank jullie wel!',
				postedAt: daysAgo(1),
				sentiment: 'positive',
				likes: 40,
				followers: 900
			});
			await database.db.insert(ambassadorScores).values({
				customerId: c.id,
				score: 4,
				tier: 'supporter',
				level: 10,
				components: [{ reactionId: 'r', url: 'https://x.com/sukru', text: 'Dank', total: 4 }]
			});
			await database.db.update(customers).set({ tier: 'supporter' }).where(eq(customers.id, c.id));

			const res = await t.client.api.v1.privacy.customers[':id'].erase.$post(
				{ param: { id: c.id }, json: { reason: 'Verzoek per DM' } },
				{ headers: admin.headers }
			);
			expect(res.status, await res.clone().text()).toBe(200);
			const body = await res.json();
			expect(body).toMatchObject({
				id: c.id,
				alreadyErased: false,
				counts: {
					handlesDeleted: 1,
					addressesAnonymised: 1,
					surprisesCleared: 2,
					reactionsCleared: 1,
					nominationsCleared: 1,
					nominationsDeclined: 1
				}
			});

			const [after] = await database.db.select().from(customers).where(eq(customers.id, c.id));
			expect(after).toMatchObject({
				name: 'Verwijderde klant',
				email: null,
				notes: '',
				optedOut: true
			});
			expect(after!.erasedAt).toBeInstanceOf(Date);
			expect(await database.db.select().from(handles).where(eq(handles.customerId, c.id))).toEqual(
				[]
			);
			expect(await addressById(home.id)).toMatchObject({
				recipientName: null,
				street: null,
				houseNumber: null,
				postcode: null,
				postcodeArea: '1234',
				country: 'NL'
			});

			const kept = await database.db.select().from(surprises).where(eq(surprises.customerId, c.id));
			expect(kept).toHaveLength(2);
			expect(kept.every((s) => s.cardMessage === '' && s.internalNote === '')).toBe(true);
			expect(kept.reduce((sum, s) => sum + s.costCents + s.postageCents, 0)).toBe(2 * (750 + 128));
			const itemCount = await database.db
				.select({ n: sql<number>`count(*)::int` })
				.from(surpriseItems)
				.where(eq(surpriseItems.surpriseId, s1.id));
			expect(Number(itemCount[0]!.n)).toBe(1);
			const [reaction] = await database.db
				.select()
				.from(reactions)
				.where(eq(reactions.customerId, c.id));
			expect(reaction).toMatchObject({
				text: '',
				url: null,
				sentiment: 'positive',
				likes: 40,
				followers: 900
			});
			const [nomination] = await database.db
				.select()
				.from(nominations)
				.where(eq(nominations.customerId, c.id));
			expect(nomination).toMatchObject({
				text: '',
				postUrl: null,
				status: 'declined',
				reason: 'great_conversation'
			});
			// The score is zeroed at once (erased = opted out), not at the nightly recompute.
			const [score] = await database.db
				.select()
				.from(ambassadorScores)
				.where(eq(ambassadorScores.customerId, c.id));
			expect(score).toMatchObject({
				score: 0,
				tier: 'none',
				level: null,
				reactionCount: 0,
				components: []
			});
			expect(after!.tier).toBe('none');
			expect(JSON.stringify(score!.components)).not.toContain('sukru');

			const audit = await auditRows('customer.erase', c.id);
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({
				actorId: admin.id,
				data: { reason: 'Verzoek per DM', handlesDeleted: 1 }
			});

			const again = await t.client.api.v1.privacy.customers[':id'].erase.$post(
				{ param: { id: c.id }, json: {} },
				{ headers: admin.headers }
			);
			expect(again.status).toBe(200);
			expect(await again.json()).toMatchObject({ alreadyErased: true });
			expect(await auditRows('customer.erase', c.id)).toHaveLength(1);
		});

		it('refuses while a surprise is still being prepared, naming it (409), and changes nothing', async () => {
			const c = await f.customer({ name: 'Nguyễn Thị Minh Khai' });
			const open = await f.surprise(c.id, { status: 'ready' });
			const res = await t.client.api.v1.privacy.customers[':id'].erase.$post(
				{ param: { id: c.id }, json: {} },
				{ headers: admin.headers }
			);
			expect(res.status).toBe(409);
			expect((await res.json()).detail).toContain(open.reference);
			const [still] = await database.db.select().from(customers).where(eq(customers.id, c.id));
			expect(still).toMatchObject({ name: 'Nguyễn Thị Minh Khai', erasedAt: null });
		});

		it('is admin only; bad ids are 400/404 problem+json', async () => {
			const c = await f.customer();
			for (const who of [hub, marketing]) {
				const res = await t.client.api.v1.privacy.customers[':id'].erase.$post(
					{ param: { id: c.id }, json: {} },
					{ headers: who.headers }
				);
				expect(res.status).toBe(403);
			}
			expect(
				(
					await t.client.api.v1.privacy.customers[':id'].erase.$post(
						{ param: { id: crypto.randomUUID() }, json: {} },
						{ headers: admin.headers }
					)
				).status
			).toBe(404);
			const bad = await t.client.api.v1.privacy.customers[':id'].erase.$post(
				{ param: { id: '123' }, json: {} },
				{ headers: admin.headers }
			);
			expect(bad.status).toBe(400);
			expect(bad.headers.get('content-type')).toContain('application/problem+json');
			const [still] = await database.db.select().from(customers).where(eq(customers.id, c.id));
			expect(still!.erasedAt).toBeNull();
		});
	});
});

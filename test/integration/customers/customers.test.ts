import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, customers, nominations, reactions } from '#db/schema/index.ts';
import { createUser } from '#api/domain/accounts/users.ts';
import { systemCtx } from '#api/domain/context.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { TEST_PASSWORD, testApi, type JsonOf, type QueryOf, invalid } from '../../support/api.ts';

type Customer = {
	id: string;
	name: string;
	email: string | null;
	createdAt: string;
	updatedAt: string;
	handles: { id: string; channel: string; handle: string; followers: number }[];
};
type Page = { items: Customer[]; nextCursor: string | null };

describe.each(engines)('customers API on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		// Log in the way the web does: a user made by the system, then POST /auth/login for the cookie.
		await createUser({
			ctx: systemCtx(database.db),
			input: { email: 'hub@example.test', name: 'Hanna Hub', role: 'hub', password: TEST_PASSWORD }
		});
		const login = await t.client.api.v1.auth.login.$post(
			{ json: { email: 'hub@example.test', password: TEST_PASSWORD } },
			{ headers: { 'x-hoppatee-client-ip': '10.1.0.1' } }
		);
		expect(login.status).toBe(200);
		hub = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const post = (
		json: JsonOf<typeof t.client.api.v1.customers.$post>,
		headers: Record<string, string> = {}
	) => t.client.api.v1.customers.$post({ json }, { headers: { ...hub, ...headers } });
	const create = async (
		json: JsonOf<typeof t.client.api.v1.customers.$post>
	): Promise<Customer> => {
		const res = await post(json);
		expect(res.status, await res.clone().text()).toBe(201);
		return res.json();
	};
	const list = async (query: QueryOf<typeof t.client.api.v1.customers.$get>): Promise<Page> => {
		const res = await t.client.api.v1.customers.$get({ query }, { headers: hub });
		expect(res.status, await res.clone().text()).toBe(200);
		return res.json();
	};
	const auditRows = async (action: string, entityId?: string) =>
		database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : undefined)
			);

	it('creates a customer, reads it back and audits the write', async () => {
		const res = await post({
			name: '  Zoe\u0308 van ’t Hek ',
			email: 'Zoe@Example.COM',
			locale: 'en',
			notes: 'Loves red socks.\nCall after 17:00.',
			handles: [
				{ channel: 'instagram', handle: '@zoe.hek', followers: 1200 },
				{ channel: 'whatsapp', handle: '0031 6 1234 5678' }
			]
		});
		expect(res.status).toBe(201);
		const created: Customer & Record<string, unknown> = await res.json();
		expect(created).toMatchObject({
			name: 'Zoë van ’t Hek',
			email: 'zoe@example.com',
			locale: 'en',
			tier: 'none',
			isStaff: false,
			optedOut: false,
			notes: 'Loves red socks.\nCall after 17:00.'
		});
		expect(
			created.handles.map(({ channel, handle, followers }) => ({ channel, handle, followers }))
		).toEqual([
			{ channel: 'instagram', handle: 'zoe.hek', followers: 1200 },
			{ channel: 'whatsapp', handle: '+31612345678', followers: 0 }
		]);
		expect(new Date(created.createdAt as string).toISOString()).toBe(created.createdAt);

		const got = await t.client.api.v1.customers[':id'].$get(
			{ param: { id: created.id } },
			{ headers: hub }
		);
		expect(got.status).toBe(200);
		expect(await got.json()).toEqual(created);

		const audit = await auditRows('customer.create', created.id);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorType).toBe('user');
		expect(JSON.stringify(audit[0]!.data)).not.toContain('Zoë'); // no personal data in the audit log
	});

	it('keeps names as typed and finds them case- and accent-insensitively', async () => {
		const zoe = await create({ name: 'Zoë Bakker' });
		const socks = await create({ name: 'Sanne 🧦 de Sokkenkoningin' });
		const arabic = await create({ name: 'محمد الأحمد' });
		const long = await create({ name: `Ł${'a'.repeat(198)}😀` });
		expect(long.name).toBe(`Ł${'a'.repeat(198)}😀`);
		const tooLong = await post({ name: 'a'.repeat(201) });
		expect(tooLong.status).toBe(400);

		const ids = async (q: string) => (await list({ q })).items.map((c) => c.id);
		expect(await ids('zoe bak')).toEqual([zoe.id]);
		expect(await ids('ZOË BAKKER')).toEqual([zoe.id]);
		expect(await ids('Zoe\u0308 b')).toEqual([zoe.id]);
		expect(await ids('🧦')).toEqual([socks.id]);
		expect(await ids('sokkenkoningin')).toEqual([socks.id]);
		expect(await ids('محمد')).toEqual([arabic.id]);
		expect(await ids(`laaaaaa`)).toEqual([long.id]);
		expect(await ids('%')).toEqual([]); // LIKE wildcards are matched literally
		expect(await ids('_')).not.toContain(zoe.id);
	});

	it('searches handles and email, filters by channel and tier', async () => {
		const jan = await create({
			name: 'Filter Jan',
			email: 'filter.jan@example.test',
			handles: [{ channel: 'x', handle: 'FilterJan' }]
		});
		const inge = await create({
			name: 'Filter Inge',
			handles: [{ channel: 'linkedin', handle: 'inge-filter' }]
		});
		await database.db.update(customers).set({ tier: 'advocate' }).where(eq(customers.id, inge.id));

		expect((await list({ q: '@filterjan' })).items.map((c) => c.id)).toEqual([jan.id]);
		expect((await list({ q: 'filter.jan@example' })).items.map((c) => c.id)).toEqual([jan.id]);
		expect((await list({ q: 'filter', channel: 'linkedin' })).items.map((c) => c.id)).toEqual([
			inge.id
		]);
		expect((await list({ q: 'filter', channel: 'x' })).items.map((c) => c.id)).toEqual([jan.id]);
		expect((await list({ q: 'filter', tier: 'advocate' })).items.map((c) => c.id)).toEqual([
			inge.id
		]);
		expect((await list({ q: 'filter', channel: '', tier: '' })).items).toHaveLength(2);
		const bad = await t.client.api.v1.customers.$get(
			{ query: { channel: invalid('myspace') } },
			{ headers: hub }
		);
		expect(bad.status).toBe(400);
		expect((await bad.json()).errors[0].field).toBe('channel');
	});

	it('pages through results by name with a cursor, without gaps or repeats', async () => {
		const names = [
			'Pagina Émile',
			'pagina anna',
			'Pagina Bram',
			'Pagina Zoë',
			'Pagina Ömer',
			'Pagina Daan',
			'pagina Cem'
		];
		for (const name of names) await create({ name });
		// Two customers with the same name: the id breaks the tie.
		await create({ name: 'Pagina Bram' });

		const seen: string[] = [];
		const pages: number[] = [];
		let cursor: string | null = null;
		do {
			const page: Page = await list({ q: 'pagina', limit: '3', cursor: cursor ?? undefined });
			pages.push(page.items.length);
			seen.push(...page.items.map((c) => c.name));
			cursor = page.nextCursor;
		} while (cursor);
		expect(pages).toEqual([3, 3, 2]);
		expect(seen).toEqual([
			'pagina anna',
			'Pagina Bram',
			'Pagina Bram',
			'pagina Cem',
			'Pagina Daan',
			'Pagina Émile',
			'Pagina Ömer',
			'Pagina Zoë'
		]);

		const garbage = await t.client.api.v1.customers.$get(
			{ query: { cursor: 'not-a-cursor' } },
			{ headers: hub }
		);
		expect(garbage.status).toBe(400);
		expect((await garbage.json()).errors[0].field).toBe('cursor');
	});

	it('treats @Jan, jan and ja\\u200Bn as one handle: a second customer gets 409 naming the field', async () => {
		const first = await create({ name: 'Jan One', handles: [{ channel: 'x', handle: '@Jan' }] });
		for (const handle of ['jan', 'ja\u200Bn', ' @JAN ']) {
			const res = await post({
				name: 'Jan Two',
				handles: [
					{ channel: 'instagram', handle: 'jan.two' },
					{ channel: 'x', handle }
				]
			});
			expect(res.status).toBe(409);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			const problem = await res.json();
			expect(problem.errors).toEqual([
				{ field: 'handles.1.handle', message: expect.stringContaining(first.id) }
			]);
			expect(problem.existingCustomerId).toBe(first.id);
		}
		// Nothing of the refused customer was written; the same handle on another channel is fine.
		expect((await list({ q: 'jan two' })).items).toEqual([]);
		await create({ name: 'Jan Insta', handles: [{ channel: 'instagram', handle: 'jan' }] });
	});

	it('concurrent creates with one handle: one 201, the others 409 (never a 500)', async () => {
		const results = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				post({
					name: `Race ${i}`,
					handles: [{ channel: 'x', handle: i % 2 ? 'RaceRik' : '@racerik' }]
				})
			)
		);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
		for (const res of results.filter((r) => r.status === 409))
			expect((await res.json()).errors[0].field).toMatch(/^handles/);
	});

	it('refuses bad input with 400 problem+json naming each field', async () => {
		const res = await post(
			invalid({
				name: 'Jan\u0000',
				email: 'not-an-email',
				locale: 'de',
				handles: [
					{ channel: 'myspace', handle: 'jan' },
					{ channel: 'x', handle: 'has spaces' },
					{ channel: 'facebook', handle: 'jan.jansen', followers: -5 }
				]
			})
		);
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		const problem = await res.json();
		expect(problem.code).toBe('validation');
		expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
			'email',
			'handles.0.channel',
			'handles.1.handle',
			'handles.2.followers',
			'locale',
			'name'
		]);
		const twice = await post({
			name: 'Twice',
			handles: [
				{ channel: 'x', handle: 'a1' },
				{ channel: 'x', handle: 'b1' }
			]
		});
		expect((await twice.json()).errors).toEqual([
			{ field: 'handles.1.channel', message: 'Only one X handle per customer.' }
		]);
		const notUuid = await t.client.api.v1.customers[':id'].$get(
			{ param: { id: 'not-a-uuid' } },
			{ headers: hub }
		);
		expect(notUuid.status).toBe(400);
		expect((await notUuid.json()).errors[0].field).toBe('id');
		const missing = await t.client.api.v1.customers[':id'].$get(
			{ param: { id: crypto.randomUUID() } },
			{ headers: hub }
		);
		expect(missing.status).toBe(404);
	});

	it('updates fields and replaces the handle set, keeping handles that stay', async () => {
		const c = await create({
			name: 'Update Me',
			handles: [
				{ channel: 'x', handle: 'update_me' },
				{ channel: 'instagram', handle: 'update.me' }
			]
		});
		const other = await create({
			name: 'Update Other',
			handles: [{ channel: 'linkedin', handle: 'taken-slug' }]
		});
		const xId = c.handles.find((h) => h.channel === 'x')!.id;
		const patch = (json: JsonOf<(typeof t.client.api.v1.customers)[':id']['$patch']>) =>
			t.client.api.v1.customers[':id'].$patch({ param: { id: c.id }, json }, { headers: hub });

		const res = await patch({
			name: 'Updated Ümit',
			optedOut: true,
			email: 'u@example.test',
			handles: [
				{ channel: 'x', handle: '@Update_Me', followers: 10 },
				{ channel: 'linkedin', handle: 'updated-umit' }
			]
		});
		expect(res.status).toBe(200);
		const updated = await res.json();
		expect(updated).toMatchObject({
			name: 'Updated Ümit',
			optedOut: true,
			email: 'u@example.test'
		});
		expect(updated.handles).toEqual([
			{ id: xId, channel: 'x', handle: 'Update_Me', followers: 10 },
			{ id: expect.any(String), channel: 'linkedin', handle: 'updated-umit', followers: 0 }
		]);
		expect(updated.updatedAt >= c.createdAt).toBe(true);

		const clash = await patch({ handles: [{ channel: 'linkedin', handle: 'Taken-Slug' }] });
		expect(clash.status).toBe(409);
		expect((await clash.json()).existingCustomerId).toBe(other.id);
		expect((await patch({})).status).toBe(400);
		expect((await patch({ email: null })).status).toBe(200);
		expect(
			(
				await t.client.api.v1.customers[':id'].$patch(
					{ param: { id: crypto.randomUUID() }, json: { name: 'X' } },
					{ headers: hub }
				)
			).status
		).toBe(404);

		const audit = await auditRows('customer.update', c.id);
		expect(audit).toHaveLength(2);
		expect(audit[0]!.data).toMatchObject({
			fields: expect.arrayContaining(['name', 'optedOut', 'email', 'handles'])
		});
	});

	it('shows the timeline newest first', async () => {
		const c = await create({ name: 'Timeline Tineke' });
		const empty = await t.client.api.v1.customers[':id'].timeline.$get(
			{ param: { id: c.id } },
			{ headers: hub }
		);
		expect(await empty.json()).toEqual({ items: [] });
		await database.db.insert(nominations).values({
			customerId: c.id,
			reason: 'loyalty',
			text: 'Klant sinds 1998',
			createdAt: new Date('2026-03-01T10:00:00Z')
		});
		await database.db.insert(reactions).values({
			customerId: c.id,
			channel: 'x',
			text: 'Leuke verrassing!',
			postedAt: new Date('2026-03-05T10:00:00Z'),
			sentiment: 'positive'
		});
		const res = await t.client.api.v1.customers[':id'].timeline.$get(
			{ param: { id: c.id } },
			{ headers: hub }
		);
		const { items } = await res.json();
		expect(
			items.map((i: { kind: string; title: string; status: string; at: string }) => [
				i.kind,
				i.title,
				i.status,
				i.at
			])
		).toEqual([
			['reaction', 'Leuke verrassing!', 'positive', '2026-03-05T10:00:00.000Z'],
			['nomination', 'Klant sinds 1998', 'open', '2026-03-01T10:00:00.000Z']
		]);
		expect(
			(
				await t.client.api.v1.customers[':id'].timeline.$get(
					{ param: { id: crypto.randomUUID() } },
					{ headers: hub }
				)
			).status
		).toBe(404);
	});

	it('Idempotency-Key: same key and body give the same customer once; another body is 422', async () => {
		const body = {
			name: 'Idempotent Ida',
			handles: [{ channel: 'x' as const, handle: 'idem_ida' }]
		};
		const headers = { 'idempotency-key': `create-ida-${engine}` };
		const first = await post(body, headers);
		const second = await post(body, headers);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect((await second.json()).id).toBe((await first.json()).id);
		const [{ n }] = (await database.db
			.select({ n: sql<number>`count(*)::int` })
			.from(customers)
			.where(eq(customers.name, 'Idempotent Ida'))) as [{ n: number }];
		expect(Number(n)).toBe(1);
		const other = await post({ ...body, name: 'Idempotent Other' }, headers);
		expect(other.status).toBe(422);
	});
});

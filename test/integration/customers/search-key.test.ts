/**
 * The stored search keys (customers.name_search, handles.handle_search: generated columns) against
 * foldForSearch, which folds what people type: the two must agree character for character, or a
 * search misses. And the keys follow every write: a renamed customer is found by the new name only,
 * imported customers and their handles are found at once.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { customers, handles } from '#db/schema/index.ts';
import { createUser } from '#api/domain/accounts/users.ts';
import { systemCtx } from '#api/domain/context.ts';
import { foldForSearch } from '#api/domain/customers/search-fold.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { TEST_PASSWORD, testApi, type QueryOf } from '../../support/api.ts';

const NAMES = [
	'Zoë Bakker',
	'ZOË BAKKER',
	'Zoe\u0308 Bakker',
	'Łukasz Żółć',
	'Søren Østergaard',
	'Ĳsbrand Ĳzerman',
	'ĳsbrand ĳzerman',
	'IJsbrand IJzerman',
	'Đorđe Ħamrun',
	'Nguyễn Thị Minh Khai',
	'Şükrü Öztürk',
	'Ærøn Dvořák',
	'İstanbul Işık',
	'Sanne 🧦 de Wit',
	'محمد الأحمد',
	'Ελένη Παπαδοπούλου',
	'Straße'
];

describe.each(engines)('customer search keys on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		await createUser({
			ctx: systemCtx(database.db),
			input: { email: 'keys@example.test', name: 'Kees Keys', role: 'hub', password: TEST_PASSWORD }
		});
		const login = await t.client.api.v1.auth.login.$post(
			{ json: { email: 'keys@example.test', password: TEST_PASSWORD } },
			{ headers: { 'x-hoppatee-client-ip': '10.1.0.7' } }
		);
		expect(login.status).toBe(200);
		hub = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const ids = async (query: QueryOf<typeof t.client.api.v1.customers.$get>) => {
		const res = await t.client.api.v1.customers.$get({ query }, { headers: hub });
		expect(res.status, await res.clone().text()).toBe(200);
		return ((await res.json()) as { items: { id: string }[] }).items.map((c) => c.id);
	};

	it('the database folds names and handles exactly as foldForSearch folds a search', async () => {
		const rows = await database.db
			.insert(customers)
			.values(NAMES.map((name) => ({ name })))
			.returning({ id: customers.id, name: customers.name, key: customers.nameSearch });
		for (const row of rows) expect(row.key, row.name).toBe(foldForSearch(row.name));
		const stored = await database.db
			.insert(handles)
			.values(
				NAMES.map((name, i) => ({
					customerId: rows[i]!.id,
					channel: 'x' as const,
					handle: name,
					handleNorm: `${name.toLocaleLowerCase('und')} ${i}`
				}))
			)
			.returning({ norm: handles.handleNorm, key: handles.handleSearch });
		for (const row of stored) expect(row.key, row.norm).toBe(foldForSearch(row.norm));
		expect(foldForSearch('Ĳsbrand')).toBe('ijsbrand');
		await database.db.delete(customers).where(
			inArray(
				customers.id,
				rows.map((r) => r.id)
			)
		);
	});

	it('finds Ĳsbrand by ij and by Ĳ, Łukasz by l, Søren by o', async () => {
		const create = async (name: string) => {
			const res = await t.client.api.v1.customers.$post({ json: { name } }, { headers: hub });
			expect(res.status).toBe(201);
			return ((await res.json()) as { id: string }).id;
		};
		const ijsbrand = await create('Ĳsbrand Ĳzerman');
		const twoLetters = await create('IJsbrand IJzerman');
		const lukasz = await create('Łukasz Żółć');
		const soren = await create('Søren Østergaard');
		expect((await ids({ q: 'ijsbrand ijz' })).sort()).toEqual([ijsbrand, twoLetters].sort());
		expect((await ids({ q: 'Ĳsbrand' })).sort()).toEqual([ijsbrand, twoLetters].sort());
		expect(await ids({ q: 'lukasz zolc' })).toEqual([lukasz]);
		expect(await ids({ q: 'soren oster' })).toEqual([soren]);
	});

	it('a renamed customer is found by the new name, no longer by the old; a new handle at once', async () => {
		const res = await t.client.api.v1.customers.$post(
			{ json: { name: 'Renate Oudnaam', handles: [{ channel: 'x', handle: 'renate_oud' }] } },
			{ headers: hub }
		);
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		expect(await ids({ q: 'oudnaam' })).toEqual([id]);

		const renamed = await t.client.api.v1.customers[':id'].$patch(
			{
				param: { id },
				json: {
					name: 'Renée Nieuwnaam',
					handles: [{ channel: 'instagram', handle: 'Renee.Nieuw' }]
				}
			},
			{ headers: hub }
		);
		expect(renamed.status, await renamed.clone().text()).toBe(200);
		expect(await ids({ q: 'oudnaam' })).toEqual([]);
		expect(await ids({ q: '@renate_oud' })).toEqual([]);
		expect(await ids({ q: 'renee nieuw' })).toEqual([id]);
		expect(await ids({ q: '@renee.nieuw' })).toEqual([id]);
		const [row] = await database.db
			.select({ key: customers.nameSearch })
			.from(customers)
			.where(eq(customers.id, id));
		expect(row!.key).toBe('renee nieuwnaam');
	});

	it('imported customers are found by name and handle straight away', async () => {
		const csv = 'name,email,x\nÅsa Ĳssel,asa@example.test,AsaIJssel\n';
		const res = await t.client.api.v1.customers.import.$post({ json: { csv } }, { headers: hub });
		expect(res.status, await res.clone().text()).toBe(201);
		expect(await ids({ q: 'asa ijssel' })).toHaveLength(1);
		expect(await ids({ q: '@asaijssel' })).toHaveLength(1);
	});
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, handles } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf, invalid } from '../../support/api.ts';

describe.each(engines)('customer from a pasted link on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = (await t.user('hub')).headers;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const fromUrl = (
		json: JsonOf<(typeof t.client.api.v1.customers)['from-url']['$post']>,
		headers = hub
	) => t.client.api.v1.customers['from-url'].$post({ json }, { headers });

	it('creates the customer on the first paste and finds the same one afterwards', async () => {
		const first = await fromUrl({ url: 'https://x.com/PietPost/status/1790000000000000001?s=20' });
		expect(first.status).toBe(200);
		const created = await first.json();
		expect(created).toMatchObject({
			created: true,
			channel: 'x',
			handle: 'PietPost',
			customer: { name: 'PietPost' }
		});
		expect(created.customer.handles).toEqual([
			{ id: expect.any(String), channel: 'x', handle: 'PietPost', followers: 0 }
		]);

		// Another post by the same account, another host spelling, another case: the same customer.
		const again = await fromUrl({ url: 'mobile.twitter.com/pietpost/status/42' });
		expect(again.status).toBe(200);
		const found = await again.json();
		expect(found).toMatchObject({
			created: false,
			channel: 'x',
			customer: { id: created.customer.id }
		});
		expect(
			await database.db.select().from(handles).where(eq(handles.handleNorm, 'pietpost'))
		).toHaveLength(1);

		const audit = await database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'customer.create'), eq(auditLog.entityId, created.customer.id))
			);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.data).toEqual({ via: 'url', channels: ['x'] });
	});

	it('uses the given name, and finds customers whose handle was typed by hand', async () => {
		const named = await (
			await fromUrl({
				url: 'https://www.linkedin.com/posts/jan-jansen_leuk-activity-7123456789-AbCd',
				name: ' Jan Jansen '
			})
		).json();
		expect(named).toMatchObject({
			created: true,
			channel: 'linkedin',
			handle: 'jan-jansen',
			customer: { name: 'Jan Jansen' }
		});

		const typed = await t.client.api.v1.customers.$post(
			{ json: { name: 'Fenna', handles: [{ channel: 'facebook', handle: 'Fenna.Visser' }] } },
			{ headers: hub }
		);
		expect(typed.status).toBe(201);
		const fenna = await typed.json();
		const found = await (
			await fromUrl({ url: 'https://m.facebook.com/fenna.visser/posts/pfbid0abc/' })
		).json();
		expect(found).toMatchObject({ created: false, customer: { id: fenna.id, name: 'Fenna' } });
	});

	it('explains links it cannot use, on the field url', async () => {
		const post = await fromUrl({ url: 'https://www.instagram.com/p/C1abcDEF/' });
		expect(post.status).toBe(400);
		expect(post.headers.get('content-type')).toContain('application/problem+json');
		const problem = await post.json();
		expect(problem.errors).toEqual([
			{ field: 'url', message: expect.stringMatching(/profile link/) }
		]);

		const unknown = await (await fromUrl({ url: 'https://www.threads.net/@jan' })).json();
		expect(unknown.errors[0]).toEqual({
			field: 'url',
			message: expect.stringMatching(/x\.com.*facebook\.com.*instagram\.com.*linkedin\.com/)
		});
		expect((await fromUrl(invalid({}))).status).toBe(400);
		expect((await fromUrl({ url: 'https://x.com/jan', name: '' })).status).toBe(400);
	});

	it('concurrent pastes of one new handle make one customer', async () => {
		const results = await Promise.all(
			Array.from({ length: 8 }, () => fromUrl({ url: 'https://www.instagram.com/race.rosa/' }))
		);
		expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
		const bodies = await Promise.all(results.map((r) => r.json()));
		expect(new Set(bodies.map((b) => b.customer.id)).size).toBe(1);
		expect(bodies.filter((b) => b.created)).toHaveLength(1);
		expect(
			await database.db.select().from(handles).where(eq(handles.handleNorm, 'race.rosa'))
		).toHaveLength(1);
	});

	it('is for hub and admin: marketing gets 403', async () => {
		const marketing = await t.user('marketing');
		expect((await fromUrl({ url: 'https://x.com/marketing_try' }, marketing.headers)).status).toBe(
			403
		);
		expect(
			await database.db.select().from(handles).where(eq(handles.handleNorm, 'marketing_try'))
		).toHaveLength(0);
	});
});

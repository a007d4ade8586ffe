import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, customers, handles } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

describe.each(engines)('customer CSV import on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;
	let existingId: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = (await t.user('hub')).headers;
		const existing = await t.client.api.v1.customers.$post(
			{
				json: { name: 'Bestaande Bea', handles: [{ channel: 'instagram', handle: 'bea.bestaat' }] }
			},
			{ headers: hub }
		);
		existingId = (await existing.json()).id;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const count = async () =>
		Number(
			(
				(await database.db.select({ n: sql<number>`count(*)::int` }).from(customers)) as [
					{ n: number }
				]
			)[0].n
		);
	const preview = (csv: string) =>
		t.client.api.v1.customers.import.preview.$post({ json: { csv } }, { headers: hub });
	const importCsv = (csv: string, headers: Record<string, string> = {}) =>
		t.client.api.v1.customers.import.$post({ json: { csv } }, { headers: { ...hub, ...headers } });

	const mixed = [
		'name;email;instagram;x;followers_x',
		'Anna de Vries;anna@example.test;anna.devries;annadv;120',
		'Bad Bart;;;bart with spaces;',
		'Clash Cor;;BEA.bestaat;;',
		'Dubbel Dirk;;;AnnaDV;',
		';;;;',
		'Şükrü Öztürk 🧦;;sukru;;'
	].join('\n');

	it('previews row by row: values, errors (invalid, clash with a customer, duplicate in the file), counts', async () => {
		const before = await count();
		const res = await preview(mixed);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ valid: 2, invalid: 3 });
		expect(body.rows.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5, 7]);
		expect(body.rows[0]).toEqual({
			line: 2,
			values: {
				name: 'Anna de Vries',
				email: 'anna@example.test',
				instagram: 'anna.devries',
				x: 'annadv',
				followers_x: '120'
			},
			errors: []
		});
		expect(body.rows[1].errors).toEqual([
			{ line: 3, field: 'x', message: expect.stringMatching(/X handle/) }
		]);
		expect(body.rows[2].errors).toEqual([
			{ line: 4, field: 'instagram', message: expect.stringContaining(existingId) }
		]);
		expect(body.rows[3].errors).toEqual([
			{ line: 5, field: 'x', message: 'Same X handle as line 2.' }
		]);
		expect(await count()).toBe(before);
	});

	it('imports all or nothing: one bad row is a 400 naming rows.<line>.<column>, and nothing is written', async () => {
		const before = await count();
		const res = await importCsv(mixed);
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		const problem = await res.json();
		expect(problem.detail).toMatch(/3 of 5 rows/);
		expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([
			'rows.3.x',
			'rows.4.instagram',
			'rows.5.x'
		]);
		expect(await count()).toBe(before);
		expect(
			await database.db.select().from(auditLog).where(eq(auditLog.action, 'customer.import'))
		).toHaveLength(0);

		const broken = await importCsv('naam,x\nJan,jan');
		expect(broken.status).toBe(400);
		expect((await broken.json()).errors[0].field).toBe('csv');
		expect((await importCsv('name,x\n')).status).toBe(400);
	});

	it('imports a clean file in one go, with one audit row', async () => {
		const before = await count();
		const csv = [
			'name,email,instagram,x,followers_x,whatsapp',
			'Anna de Vries,anna@example.test,anna.devries,annadv,120,',
			'Şükrü Öztürk 🧦,,sukru,,,+90 532 123 45 67',
			'"Jansen, Piet",,,,,'
		].join('\r\n');
		const res = await importCsv(csv, { 'idempotency-key': `import-${engine}` });
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual({ imported: 3 });
		expect(await count()).toBe(before + 3);

		const anna = await (
			await t.client.api.v1.customers.$get({ query: { q: 'anna de vries' } }, { headers: hub })
		).json();
		expect(anna.items).toHaveLength(1);
		expect(anna.items[0]).toMatchObject({ email: 'anna@example.test' });
		expect(
			anna.items[0].handles.map(
				(h: { channel: string; handle: string; followers: number }) =>
					`${h.channel}:${h.handle}:${h.followers}`
			)
		).toEqual(['x:annadv:120', 'instagram:anna.devries:0', 'email:anna@example.test:0']);
		expect(
			await database.db.select().from(handles).where(eq(handles.handleNorm, '+905321234567'))
		).toHaveLength(1);
		const audit = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'customer.import'));
		expect(audit).toHaveLength(1);
		expect(audit[0]!.data).toEqual({ imported: 3, handles: 5 });

		// The same request replayed with its key gives the same answer; the same file again clashes everywhere.
		const replay = await importCsv(csv, { 'idempotency-key': `import-${engine}` });
		expect(replay.status).toBe(201);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		const again = await importCsv(csv);
		expect(again.status).toBe(400);
		expect((await again.json()).errors.map((e: { field: string }) => e.field)).toEqual([
			'rows.2.x',
			'rows.2.instagram',
			'rows.2.email',
			'rows.3.instagram',
			'rows.3.whatsapp'
		]);
		expect(await count()).toBe(before + 3);
	});

	it('marketing may not preview or import', async () => {
		const marketing = await t.user('marketing');
		const res = await t.client.api.v1.customers.import.$post(
			{ json: { csv: 'name\nMia' } },
			{ headers: marketing.headers }
		);
		expect(res.status).toBe(403);
		const prev = await t.client.api.v1.customers.import.preview.$post(
			{ json: { csv: 'name\nMia' } },
			{ headers: marketing.headers }
		);
		expect(prev.status).toBe(403);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { createApi } from '#api/app.ts';
import { parseEnv } from '#api/env.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

describe('impossible dates and the request log', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
	}, 60_000);

	afterAll(async () => {
		await database?.close();
	});

	it('refuses 30 February with a 400 naming postedAt (it was stored as 2 March)', async () => {
		const hub = await t.user('hub');
		for (const postedAt of ['2026-02-30T10:00:00Z', '2026-04-31T10:00:00+02:00']) {
			const res = await t.request('/api/v1/reactions', {
				method: 'POST',
				headers: hub.headers,
				json: { handle: '@zoe', channel: 'x', text: 'Dank!', postedAt }
			});
			expect(res.status).toBe(400);
			const body = (await res.json()) as { errors: { field: string }[] };
			expect(body.errors.map((e) => e.field)).toContain('postedAt');
		}
		const real = await t.request('/api/v1/reactions', {
			method: 'POST',
			headers: hub.headers,
			json: { handle: '@zoe', channel: 'x', text: 'Dank!', postedAt: '2026-02-28T10:00:00Z' }
		});
		expect(real.status).toBe(201);
		expect(((await real.json()) as { reaction: { postedAt: string } }).reaction.postedAt).toBe(
			'2026-02-28T10:00:00.000Z'
		);
	});

	it('logs a claim link’s path with a short prefix of the token, never the token', async () => {
		const lines: unknown[] = [];
		const api = createApi({
			database,
			env: parseEnv({ LOG_LEVEL: 'info' }),
			log: (level, message, fields) => lines.push({ level, message, ...fields })
		});
		const token = 'Zx8Kq3vN1pT7wY2mR5sD9fG4hJ6kL0aB3cE8iO1uQ7y';
		const res = await api.fetch(new Request(`http://localhost/api/v1/claims/${token}`));
		expect(res.status).toBe(404);
		const logged = JSON.stringify(lines);
		expect(logged).toContain('/api/v1/claims/Zx8Kq3…');
		expect(logged).not.toContain(token);
		expect(logged).not.toContain(token.slice(0, 12));
	});
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';

type Signers = { items: { id: string; name: string }[] };

describe.each(engines)('who may sign a card, on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('lists the active hub’ers by name, without marketing, admins or deactivated staff', async () => {
		const zoe = await t.user('hub', { name: 'Zoë de Wit' });
		const anna = await t.user('hub', { name: 'Anna Bakker' });
		const gone = await t.user('hub', { name: 'Bert Vertrokken' });
		await database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
		const marketing = await t.user('marketing', { name: 'Mark Eting' });
		await t.user('admin', { name: 'Ad Min' });

		const res = await expectStatus<Signers>(
			await t.client.api.v1.surprises.signers.$get({}, { headers: marketing.headers }),
			200
		);
		expect(res.items).toEqual([
			{ id: anna.id, name: 'Anna Bakker' },
			{ id: zoe.id, name: 'Zoë de Wit' }
		]);
		// Names only: no email addresses leave through this list.
		expect(JSON.stringify(res)).not.toContain('@');
		const asHub = await expectStatus<Signers>(
			await t.client.api.v1.surprises.signers.$get({}, { headers: zoe.headers }),
			200
		);
		expect(asHub.items.map((s) => s.name)).toEqual(['Anna Bakker', 'Zoë de Wit']);
	});

	it('is for staff only', async () => {
		expect((await t.client.api.v1.surprises.signers.$get({})).status).toBe(401);
		const token = await t.token(['nominations:write']);
		expect(
			(await t.client.api.v1.surprises.signers.$get({}, { headers: token.headers })).status
		).toBe(403);
	});
});

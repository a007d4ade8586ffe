import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { logIn } from '../../../api/src/domain/accounts/log-in.ts';
import { createUser } from '../../../api/src/domain/accounts/users.ts';
import { systemCtx } from '../../../api/src/domain/context.ts';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from '../../../api/src/seed/demo.ts';
import { testApi } from '../../support/api.ts';
import { freshDatabase } from '../../support/databases.ts';
import { expectProblem } from '../../support/expect-http.ts';

describe('passwords people may set', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let admin: Awaited<ReturnType<typeof t.user>>;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		admin = await t.user('admin');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const create = (password: string, locale = 'en') =>
		t.request('/api/v1/users', {
			method: 'POST',
			headers: { ...admin.headers, 'accept-language': locale },
			json: {
				email: `u-${crypto.randomUUID().slice(0, 8)}@example.test`,
				name: 'New user',
				role: 'hub',
				password
			}
		});

	it.each([
		['aaaaaaaaaaaa', 'one of the most common'],
		['123456789012', 'one of the most common'],
		['password1234', 'one of the most common'],
		[DEMO_PASSWORD, 'published demo password'],
		['            ', 'only spaces'],
		// Tab and line breaks pass the API's input rule (some texts take them), not a password.
		['correct horse\tbattery staple', 'control characters'],
		['correct horse\nbattery staple', 'control characters'],
		// A NUL never reaches the policy: the input rule at the edge refuses it for every field.
		['correct horse\u0000battery staple', 'cannot be stored or printed']
	])('refuses %j with a 400 naming the password field', async (password, says) => {
		const problem = await expectProblem(await create(password), 400);
		expect(problem.fields).toEqual(['password']);
		expect(problem.errors![0]!.message).toContain(says);
	});

	it('says it in Dutch to a Dutch reader', async () => {
		const problem = await expectProblem(await create('password1234', 'nl'), 400);
		expect(problem.errors![0]).toEqual({
			field: 'password',
			message: expect.stringContaining('een van de meest gebruikte')
		});
	});

	it('accepts a password nobody guesses early', async () => {
		expect((await create('zomervakantie in Zeeland')).status).toBe(201);
	});

	it('lets the seeded demo staff keep the published demo password, and nobody else get it', async () => {
		const seeded = await freshDatabase('pglite');
		try {
			await seedDemo(seeded.db);
			const session = await logIn({
				ctx: { ...systemCtx(seeded.db), ip: '10.9.0.1' },
				input: { email: DEMO_STAFF[0].email, password: DEMO_PASSWORD },
				options: { sessionTtlHours: 1, rateLimit: 100 }
			});
			expect(session.user.email).toBe(DEMO_STAFF[0].email);
			// The demo option is the system's alone, and only for the demo password.
			await expect(
				createUser({
					ctx: systemCtx(seeded.db),
					input: { email: 'x@example.test', name: 'X', role: 'hub', password: 'password1234' },
					options: { demo: true }
				})
			).rejects.toThrow();
			await expect(
				createUser({
					ctx: systemCtx(seeded.db),
					input: { email: 'y@example.test', name: 'Y', role: 'hub', password: DEMO_PASSWORD }
				})
			).rejects.toThrow();
		} finally {
			await seeded.close();
		}
	}, 60_000);
});

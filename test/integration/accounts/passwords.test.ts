import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox, passwordResets, sessions } from '#db/schema/index.ts';
import { CLIENT_IP_HEADER } from '#api/http/names.ts';
import { FORGOT_MIN_MS, FORGOT_RATE_LIMIT } from '#api/domain/accounts/passwords.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { TEST_PASSWORD, testApi } from '../../support/api.ts';

const NEW_PASSWORD = 'lantern orchard pebble 42';

describe.each(engines)('passwords on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const sessionsOf = (userId: string) =>
		database.db.select().from(sessions).where(eq(sessions.userId, userId));
	const login = (email: string, password: string, ip = 'login-ip') =>
		t.client.api.v1.auth.login.$post(
			{ json: { email, password } },
			{ headers: { [CLIENT_IP_HEADER]: ip } }
		);
	/** The reset link in the newest mail to an address. */
	async function linkSentTo(address: string): Promise<string> {
		const rows = await database.db
			.select()
			.from(emailOutbox)
			.where(like(emailOutbox.toAddress, `%${address}%`));
		const newest = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
		const url = /https:\/\/hoppatee\.example\/reset\/([\w-]+)/.exec(newest?.text ?? '');
		if (!url) throw new Error(`no reset link sent to ${address}`);
		return url[1]!;
	}

	it('changes your own password: the current one is required, your other sessions end, this one stays', async () => {
		const hub = await t.user('hub');
		const elsewhere = await login(hub.email, TEST_PASSWORD);
		await expectStatus(elsewhere, 200);
		expect(await sessionsOf(hub.id)).toHaveLength(2);

		const wrong = await t.client.api.v1.auth.password.$put(
			{ json: { currentPassword: 'not it at all', newPassword: NEW_PASSWORD } },
			{ headers: { ...hub.headers, 'accept-language': 'nl' } }
		);
		const problem = await expectProblem(wrong, 400);
		expect(problem.errors).toEqual([
			{ field: 'currentPassword', message: 'Het huidige wachtwoord klopt niet.' }
		]);
		const weak = await t.client.api.v1.auth.password.$put(
			{ json: { currentPassword: TEST_PASSWORD, newPassword: 'password1234' } },
			{ headers: hub.headers }
		);
		expect((await expectProblem(weak, 400)).fields).toEqual(['newPassword']);

		const ok = await t.client.api.v1.auth.password.$put(
			{ json: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } },
			{ headers: hub.headers }
		);
		expect(await expectStatus(ok, 200)).toEqual({ sessionsEnded: 1 });
		expect(await sessionsOf(hub.id)).toHaveLength(1);
		await expectStatus(await t.client.api.v1.auth.me.$get({}, { headers: hub.headers }), 200);
		await expectProblem(await login(hub.email, TEST_PASSWORD), 401);
		await expectStatus(await login(hub.email, NEW_PASSWORD), 200);
		expect(await auditRows(database, 'user.password.change', hub.id)).toHaveLength(1);
	});

	it('an admin emails a reset link: single use, it ends every session, and only admins may send it', async () => {
		const admin = await t.user('admin');
		const hub = await t.user('hub');
		const other = await t.user('marketing');
		await expectProblem(
			await t.client.api.v1.users[':id']['password-reset'].$post(
				{ param: { id: hub.id } },
				{ headers: other.headers }
			),
			403
		);
		const sent = await t.client.api.v1.users[':id']['password-reset'].$post(
			{ param: { id: hub.id } },
			{ headers: admin.headers }
		);
		await expectStatus(sent, 202);
		const token = await linkSentTo(hub.email);
		// Only the hash is stored.
		expect(JSON.stringify(await database.db.select().from(passwordResets))).not.toContain(token);

		// Opening the page does not use the link up.
		for (let i = 0; i < 2; i++)
			await expectStatus(
				await t.client.api.v1.auth['password-resets'][':token'].$get({ param: { token } }),
				200
			);
		const weak = await t.client.api.v1.auth['password-resets'][':token'].$post({
			param: { token },
			json: { password: 'short' }
		});
		expect((await expectProblem(weak, 400)).fields).toEqual(['password']);
		const done = await t.client.api.v1.auth['password-resets'][':token'].$post({
			param: { token },
			json: { password: NEW_PASSWORD }
		});
		expect(await expectStatus(done, 200)).toEqual({ email: hub.email });
		expect(await sessionsOf(hub.id)).toHaveLength(0);
		await expectStatus(await login(hub.email, NEW_PASSWORD), 200);

		const again = await t.client.api.v1.auth['password-resets'][':token'].$post({
			param: { token },
			json: { password: 'another fine password 7' }
		});
		await expectProblem(again, 404);
		await expectProblem(
			await t.client.api.v1.auth['password-resets'][':token'].$get({ param: { token } }),
			404
		);
		expect(await auditRows(database, 'user.password.reset_sent', hub.id)).toHaveLength(1);
		expect(await auditRows(database, 'user.password.reset', hub.id)).toHaveLength(1);
	});

	it('a reset link expires, and a newer one replaces the older', async () => {
		const admin = await t.user('admin');
		const hub = await t.user('hub');
		const send = () =>
			t.client.api.v1.users[':id']['password-reset'].$post(
				{ param: { id: hub.id } },
				{ headers: admin.headers }
			);
		await expectStatus(await send(), 202);
		const first = await linkSentTo(hub.email);
		await new Promise((r) => setTimeout(r, 5));
		await expectStatus(await send(), 202);
		const second = await linkSentTo(hub.email);
		expect(second).not.toBe(first);
		await expectProblem(
			await t.client.api.v1.auth['password-resets'][':token'].$get({ param: { token: first } }),
			404
		);
		await database.db
			.update(passwordResets)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(passwordResets.userId, hub.id));
		await expectProblem(
			await t.client.api.v1.auth['password-resets'][':token'].$post({
				param: { token: second },
				json: { password: NEW_PASSWORD }
			}),
			404
		);
	});

	it('forgot password: the same answer and about the same time for a known and an unknown address', async () => {
		const hub = await t.user('hub');
		const ask = (email: string, ip: string) =>
			t.client.api.v1.auth['forgot-password'].$post(
				{ json: { email } },
				{ headers: { [CLIENT_IP_HEADER]: ip } }
			);
		const timed = async (email: string, ip: string) => {
			const started = performance.now();
			const res = await ask(email, ip);
			return { res, ms: performance.now() - started, body: await res.text() };
		};
		const known = await timed(hub.email.toUpperCase(), 'forgot-a');
		const unknown = await timed('nobody-here@example.test', 'forgot-a');
		expect([known.res.status, unknown.res.status]).toEqual([202, 202]);
		expect(known.body).toBe(unknown.body);
		expect(known.ms).toBeGreaterThanOrEqual(FORGOT_MIN_MS - 5);
		expect(unknown.ms).toBeGreaterThanOrEqual(FORGOT_MIN_MS - 5);
		expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
		expect(await linkSentTo(hub.email)).toMatch(/^[\w-]{40,}$/);

		// Per address: three mails an hour, answered the same after that.
		for (let i = 0; i < 3; i++) expect((await ask(hub.email, `forgot-b${i}`)).status).toBe(202);
		const mails = await database.db
			.select()
			.from(emailOutbox)
			.where(like(emailOutbox.toAddress, `%${hub.email}%`));
		expect(mails).toHaveLength(3);

		// Per client address: a limit, then 429 (which says nothing about any account).
		for (let i = 0; i < FORGOT_RATE_LIMIT; i++) await ask(`x${i}@example.test`, 'forgot-c');
		const limited = await ask('x@example.test', 'forgot-c');
		await expectProblem(limited, 429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
	});
});

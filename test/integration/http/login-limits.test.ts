/**
 * Login limits that fit an office: only failures count; one address may fail often (an office
 * behind one NAT address), one account gets a short back-off and its owner gets in after the wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { createApi } from '../../../api/src/app.ts';
import { parseEnv } from '../../../api/src/env.ts';
import { TEST_PASSWORD, testApi } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

describe.each(engines)('login limits on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let clock = new Date('2026-12-07T09:00:00Z');
	let api: ReturnType<typeof createApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		api = createApi({
			database,
			env: parseEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10' }),
			log: () => {},
			now: () => clock
		});
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
	const login = (email: string, password: string, ip: string) =>
		api.fetch(
			new Request('http://localhost/api/v1/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hoppatee-client-ip': ip },
				body: JSON.stringify({ email, password })
			})
		);
	const newUser = async () => (await t.user('hub')).email;

	it('does not count successful logins: a whole office logs in from one address', async () => {
		const office = '192.0.2.10';
		const people = await Promise.all(Array.from({ length: 4 }, newUser));
		for (let round = 0; round < 4; round++)
			for (const email of people)
				expect((await login(email, TEST_PASSWORD, office)).status).toBe(200);
	});

	it('limits failures per address, and the address alone', async () => {
		const ip = '192.0.2.20';
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++)
			statuses.push((await login(`nobody${i}@example.test`, 'wrong password!', ip)).status);
		expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
		const res = await login(`nobody@example.test`, 'wrong password!', ip);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
		// Another address is not affected.
		expect((await login(await newUser(), TEST_PASSWORD, '192.0.2.21')).status).toBe(200);
		later(15 * 60);
		expect((await login('nobody@example.test', 'wrong password!', ip)).status).toBe(401);
	});

	it('backs one account off exponentially, and its owner gets in with the right password after the wait', async () => {
		const email = await newUser();
		// Five free failures, from anywhere.
		for (let i = 0; i < 5; i++)
			expect((await login(email, 'wrong password!', `198.51.100.${i}`)).status).toBe(401);
		// Then 1 s, 2 s, 4 s … between tries; a try inside the wait is refused unchecked.
		const waits: number[] = [];
		for (let i = 0; i < 9; i++) {
			const refused = await login(email, 'wrong password!', '198.51.100.50');
			expect(refused.status).toBe(429);
			const wait = Number(refused.headers.get('retry-after'));
			waits.push(wait);
			later(wait);
			expect((await login(email, 'wrong password!', '198.51.100.51')).status).toBe(401);
		}
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
		// The right password inside the wait is refused too; after it, it gets in at once…
		const waiting = await login(email, TEST_PASSWORD, '203.0.113.7');
		expect(waiting.status).toBe(429);
		later(Number(waiting.headers.get('retry-after')));
		expect((await login(email, TEST_PASSWORD, '203.0.113.7')).status).toBe(200);
		// … and clears the back-off: a typo afterwards is an ordinary 401.
		expect((await login(email, 'wrong password!', '203.0.113.7')).status).toBe(401);
	});

	it('does not charge the address for tries refused by an account back-off', async () => {
		const email = await newUser();
		for (let i = 0; i < 5; i++)
			expect((await login(email, 'wrong password!', `198.51.101.${i}`)).status).toBe(401);
		const ip = '198.51.101.99';
		for (let i = 0; i < 30; i++)
			expect((await login(email, 'wrong password!', ip)).status).toBe(429);
		// 30 refusals later this address still has all 10 of its failures left.
		for (let i = 0; i < 10; i++)
			expect((await login(`other${i}@example.test`, 'wrong password!', ip)).status).toBe(401);
		expect((await login('other@example.test', 'wrong password!', ip)).status).toBe(429);
	});

	// Concurrency needs many connections, and PGlite has one: registered on PostgreSQL only.
	if (engine === 'postgres')
		it('holds both limits under concurrent guesses (counted before the password is checked)', async () => {
			const email = await newUser();
			const onAccount = await Promise.all(
				Array.from({ length: 30 }, (_, i) => login(email, `wrong password ${i}`, `10.1.0.${i}`))
			);
			const accountStatuses = onAccount.map((r) => r.status);
			expect(accountStatuses.filter((s) => s === 401)).toHaveLength(5);
			expect(accountStatuses.filter((s) => s === 429)).toHaveLength(25);

			const fromOneAddress = await Promise.all(
				Array.from({ length: 30 }, (_, i) =>
					login(`guess${i}@example.test`, 'wrong password!', '10.2.0.1')
				)
			);
			const addressStatuses = fromOneAddress.map((r) => r.status);
			expect(addressStatuses.filter((s) => s === 401)).toHaveLength(10);
			expect(addressStatuses.filter((s) => s === 429)).toHaveLength(20);
		});
});

/** The graceful-shutdown assertions, for `npm start` and `npm run start:api` alike. */
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { openDatabase } from '#db/client.ts';
import { sessions } from '#db/schema/index.ts';
import { connect, idleKeepAlive, slowLogin, type ServerProcess } from './server-process.ts';

/** Bound on SIGTERM → exit, far below Docker's default 10 s stop timeout. */
const EXIT_WITHIN_MS = 8_000;

export async function expectGracefulShutdown(server: ServerProcess): Promise<void> {
	const agent = await idleKeepAlive(server.port);
	const login = slowLogin(server.port);
	// The server has the request's headers and is reading its body.
	await new Promise((r) => setTimeout(r, 300));
	const signalled = performance.now();
	server.child.kill('SIGTERM');

	await expect.poll(() => connect(server.port), { timeout: 3000, interval: 50 }).toBe('refused');
	expect(server.child.exitCode).toBeNull();
	// Half a second after SIGTERM, the rest of the body: the request still gets its whole answer.
	await new Promise((r) => setTimeout(r, 500));
	login.finish();
	const answer = await login.response;
	expect(answer.status, answer.body).toBe(200);
	expect(JSON.parse(answer.body)).toMatchObject({ user: { email: 'admin@example.test' } });
	expect(answer.headers['set-cookie']?.[0]).toMatch(/^hoppatee_session=/);
	expect(answer.headers.connection).toBe('close');

	const exit = await Promise.race([
		server.exited,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`no exit:\n${server.output()}`)), EXIT_WITHIN_MS)
		)
	]);
	agent.destroy();
	expect(exit, server.output()).toMatchObject({ code: 0, signal: null });
	expect(exit.at - signalled).toBeLessThan(EXIT_WITHIN_MS);
	expect(server.output()).toMatch(/"msg":"shutting down"/);
	expect(server.output()).toMatch(/"msg":"stopped","drained":true/);

	// The data-dir lock is free and the login's session was written before the database closed.
	const database = await openDatabase({ dataDir: server.dataDir });
	try {
		const [row] = await database.db.select({ n: count() }).from(sessions);
		expect(Number(row!.n)).toBe(1);
	} finally {
		await database.close();
	}
}

/**
 * `npm run start:api` on SIGTERM: a request in flight (its body still arriving) gets its whole
 * answer, a new connection is refused meanwhile, an idle keep-alive connection does not hold the
 * exit up, and the process closes the database (the data dir opens again, with the request's
 * write) and exits 0 within the bound. test/e2e/shutdown.e2e.ts does the same to `npm start`.
 */
import { afterAll, describe, it } from 'vitest';
import { expectGracefulShutdown } from '../../support/graceful-shutdown.ts';
import { startServer, type ServerProcess } from '../../support/server-process.ts';

describe('npm run start:api on SIGTERM', () => {
	let server: ServerProcess | undefined;
	afterAll(() => server?.cleanUp());

	it('finishes the request in flight, refuses new connections, closes the database, exits 0', async () => {
		server = await startServer('api/src/server.ts');
		await expectGracefulShutdown(server);
	}, 120_000);
});

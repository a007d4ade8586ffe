/**
 * `npm start` on SIGTERM, as `docker stop` sends it: the request in flight gets its whole answer,
 * new connections are refused, the database closes and the process exits 0 within the bound. A
 * server of this file's own (the build is in place: test/e2e/run.ts made it).
 */
import { afterAll, describe, it } from 'vitest';
import { expectGracefulShutdown } from '../support/graceful-shutdown.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

describe('npm start on SIGTERM', () => {
	let server: ServerProcess | undefined;
	afterAll(() => server?.cleanUp());

	it('finishes the request in flight, refuses new connections, closes the database, exits 0', async () => {
		server = await startServer('web/start.ts');
		await expectGracefulShutdown(server);
	}, 180_000);
});

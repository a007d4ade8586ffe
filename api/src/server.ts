import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { EnvError } from './env.ts';
import { stampClientAddress } from './http/client-address.ts';
import { drainable, SHUTDOWN_DEADLINE_MS } from './http/shutdown.ts';
import { getRuntime } from './runtime.ts';

/** The API alone (`npm run start:api`): same app, no web pages. */
try {
	const runtime = await getRuntime();
	const api = getRequestListener(runtime.api.fetch);
	const server = http.createServer((req, res) => {
		stampClientAddress(req, runtime.env);
		void api(req, res);
	});
	const drain = drainable(server);
	server.listen(runtime.env.PORT, runtime.env.HOST, () =>
		console.log(`Hoppatee API on http://localhost:${runtime.env.PORT}/api (docs: /api/docs)`)
	);
	let stopping = false;
	// Refuse new connections, finish the requests in flight, then the job in hand, then close the database.
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
		runtime.log('info', 'shutting down', { signal });
		const drained = await drain();
		await runtime.close();
		runtime.log(drained ? 'info' : 'warn', 'stopped', { drained });
		process.exit(drained ? 0 : 1);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
	console.error(error instanceof EnvError ? error.message : error);
	process.exit(1);
}

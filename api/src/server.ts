import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { EnvError } from './env.ts';
import { CLIENT_IP_HEADER } from './http/middleware.ts';
import { drainable, SHUTDOWN_DEADLINE_MS } from './http/shutdown.ts';
import { getRuntime } from './runtime.ts';

/** The API alone (`npm run start:api`): same app, no web pages. */
try {
	const runtime = await getRuntime();
	const server = serve({
		port: runtime.env.PORT,
		hostname: runtime.env.HOST,
		fetch: (request, info) => {
			const headers = new Headers(request.headers);
			headers.set(
				CLIENT_IP_HEADER,
				(info as { incoming?: { socket?: { remoteAddress?: string } } }).incoming?.socket
					?.remoteAddress ?? 'unknown'
			);
			return runtime.api.fetch(new Request(request, { headers }));
		}
	}) as Server;
	const drain = drainable(server);
	console.log(`Hoppatee API on http://localhost:${runtime.env.PORT}/api (docs: /api/docs)`);
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

import { serve } from '@hono/node-server';
import { EnvError } from './env.ts';
import { CLIENT_IP_HEADER } from './http/middleware.ts';
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
	});
	console.log(`Hoppatee API on http://localhost:${runtime.env.PORT}/api (docs: /api/docs)`);
	const stop = () => server.close(() => void runtime.close().then(() => process.exit(0)));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
} catch (error) {
	console.error(error instanceof EnvError ? error.message : error);
	process.exit(1);
}

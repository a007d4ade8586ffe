import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { EnvError } from './env.ts';
import { stampClientAddress } from './http/client-address.ts';
import { getRuntime } from './runtime.ts';

/** The API alone (`npm run start:api`): same app, no web pages. */
try {
	const runtime = await getRuntime();
	const api = getRequestListener(runtime.api.fetch);
	const server = http.createServer((req, res) => {
		stampClientAddress(req, runtime.env);
		void api(req, res);
	});
	server.listen(runtime.env.PORT, runtime.env.HOST, () =>
		console.log(`Hoppatee API on http://localhost:${runtime.env.PORT}/api (docs: /api/docs)`)
	);
	const stop = () => server.close(() => void runtime.close().then(() => process.exit(0)));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
} catch (error) {
	console.error(error instanceof EnvError ? error.message : error);
	process.exit(1);
}

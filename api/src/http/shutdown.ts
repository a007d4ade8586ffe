/**
 * Graceful shutdown of a node:http server (SIGTERM from `docker stop`, Kubernetes, systemd): stop
 * listening at once (a new connection is refused), let the requests in flight finish, then the
 * caller closes the jobs and the database. Node keeps a keep-alive connection open for its
 * keepAliveTimeout after the last answer, so answers given while draining say `Connection: close`,
 * and idle connections are closed as they come.
 */
import type { Server, ServerResponse } from 'node:http';

/** How long requests in flight may take to finish before their connections are cut. */
export const DRAIN_TIMEOUT_MS = 10_000;
/** The whole shutdown (requests, the job in hand, the database) ends by then, one way or the other. */
export const SHUTDOWN_DEADLINE_MS = 25_000;
/**
 * How long the job in hand may take to finish after the requests drained: what is left of the
 * deadline, less 3 s to close the pool. A job cut there is retried by pg-boss on the next start or
 * by another instance.
 */
export const JOB_STOP_TIMEOUT_MS = SHUTDOWN_DEADLINE_MS - DRAIN_TIMEOUT_MS - 3_000;

/**
 * Called when draining starts, for answers that never finish by themselves (the wall's event
 * streams): they end, and their screens reconnect to another instance.
 */
export const beforeDrain = new Set<() => void>();

/** Tracks the server's answers; the returned drain() resolves true when all finished, false when the deadline cut some. */
export function drainable(server: Server): (timeoutMs?: number) => Promise<boolean> {
	const inFlight = new Set<ServerResponse>();
	let draining = false;
	server.on('request', (_req, res: ServerResponse) => {
		if (draining) res.shouldKeepAlive = false;
		inFlight.add(res);
		res.once('close', () => inFlight.delete(res));
	});
	return (timeoutMs = DRAIN_TIMEOUT_MS) =>
		new Promise((resolve) => {
			draining = true;
			for (const hook of beforeDrain) hook();
			for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
			const sweep = setInterval(() => server.closeIdleConnections(), 50);
			const deadline = setTimeout(() => {
				clearInterval(sweep);
				server.closeAllConnections();
				resolve(false);
			}, timeoutMs);
			server.close(() => {
				clearInterval(sweep);
				clearTimeout(deadline);
				resolve(true);
			});
			server.closeIdleConnections();
		});
}

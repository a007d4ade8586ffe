import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { msg } from '../messages/index.ts';
import { problem } from './problem.ts';
import { BODY_LIMITS } from './names.ts';
import type { AppEnv } from './types.ts';

export { BODY_LIMITS };

const MB = 1024 * 1024;

/*
 * One body limit per kind of route (BODY_LIMITS): each route declares its kind (`upload: true` in
 * defineRoute) and the limit is published as `x-body-limit`. The same check runs wherever the app
 * runs: alone, or in the one process that serves the pages (web/start.ts hands /api to this app
 * before SvelteKit reads a byte).
 */
export type BodyKind = keyof typeof BODY_LIMITS;

const middlewares: Record<BodyKind, MiddlewareHandler<AppEnv>> = {
	default: limitTo(BODY_LIMITS.default),
	upload: limitTo(BODY_LIMITS.upload)
};

/** Counts the bytes whether the body comes with a Content-Length or chunked; 413 problem+json past the limit. */
function limitTo(bytes: number): MiddlewareHandler<AppEnv> {
	return bodyLimit({
		maxSize: bytes,
		onError: (c) => {
			// The rest of the body is never read: the connection cannot carry another request.
			c.header('Connection', 'close');
			return problem(c, 413, msg('request_body_too_large', { mb: bytes / MB }));
		}
	});
}

export function limitBody(kind: BodyKind): MiddlewareHandler<AppEnv> {
	return middlewares[kind];
}

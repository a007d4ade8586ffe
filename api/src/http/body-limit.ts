import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { msg } from '../messages/index.ts';
import { problem } from './problem.ts';
import type { AppEnv } from './types.ts';

const MB = 1024 * 1024;

/**
 * One body limit per kind of route: CSV imports and uploads take up to 5 MB, everything else 1 MB.
 * Each route declares its kind (`upload: true` in defineRoute) and the limit is published as
 * `x-body-limit`. The same check runs wherever the app runs: alone, or in the one process that
 * serves the pages (web/start.ts hands /api to this app before SvelteKit reads a byte).
 */
export const BODY_LIMITS = { default: 1 * MB, upload: 5 * MB } as const;
export type BodyKind = keyof typeof BODY_LIMITS;

const middlewares: Record<BodyKind, MiddlewareHandler<AppEnv>> = {
	default: limitTo(BODY_LIMITS.default),
	upload: limitTo(BODY_LIMITS.upload)
};

/** Counts the bytes whether the body comes with a Content-Length or chunked; 413 problem+json past the limit. */
function limitTo(bytes: number): MiddlewareHandler<AppEnv> {
	return bodyLimit({
		maxSize: bytes,
		onError: (c) => problem(c, 413, msg('request_body_too_large', { mb: bytes / MB }))
	});
}

export function limitBody(kind: BodyKind): MiddlewareHandler<AppEnv> {
	return middlewares[kind];
}

import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { resolveApiToken, resolveSession } from '../domain/accounts/resolve-actor.ts';
import type { Actor } from '../domain/context.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { msg } from '../messages/index.ts';
import { CLIENT_IP_HEADER, SESSION_COOKIE } from './names.ts';
import { redactPath } from './redact.ts';
import type { ApiDeps, AppEnv } from './types.ts';

export { SESSION_COOKIE };

const REQUEST_ID = /^[\w.-]{1,100}$/;

export function requestContext(deps: ApiDeps): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const started = performance.now();
		const incoming = c.req.header('x-request-id');
		const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
		c.set('deps', deps);
		c.set('requestId', requestId);
		c.set('log', deps.log);
		c.header('X-Request-Id', requestId);
		await next();
		// Again for a response a route built itself; c.header() would copy one that already has it.
		if (!c.res.headers.has('X-Request-Id')) c.res.headers.set('X-Request-Id', requestId);
		const actor = c.get('actor');
		deps.log('info', 'request', {
			requestId,
			method: c.req.method,
			path: redactPath(new URL(c.req.url).pathname),
			status: c.res.status,
			ms: Math.round(performance.now() - started),
			actor:
				actor?.type === 'user' || actor?.type === 'token'
					? `${actor.type}:${actor.id}`
					: (actor?.type ?? 'anonymous')
		});
	};
}

export const securityHeaders = secureHeaders({
	contentSecurityPolicy: {
		defaultSrc: ["'none'"],
		frameAncestors: ["'none'"],
		baseUri: ["'none'"],
		formAction: ["'none'"]
	},
	strictTransportSecurity: 'max-age=31536000; includeSubDomains',
	referrerPolicy: 'no-referrer',
	xFrameOptions: 'DENY',
	crossOriginResourcePolicy: 'same-origin'
});

export const identifyActor: MiddlewareHandler<AppEnv> = async (c, next) => {
	const deps = c.get('deps');
	const now = (deps.now ?? (() => new Date()))();
	const { db } = deps.database;
	let actor: Actor = { type: 'anonymous' };
	let authVia: AppEnv['Variables']['authVia'] = 'none';
	const authorization = c.req.header('authorization');
	if (authorization?.toLowerCase().startsWith('bearer ')) {
		actor = (await resolveApiToken(db, authorization.slice(7).trim(), now)) ?? actor;
		authVia = 'bearer';
	} else {
		const session = getCookie(c, SESSION_COOKIE);
		if (session) {
			actor = (await resolveSession(db, session, now)) ?? actor;
			authVia = 'cookie';
		}
	}
	c.set('actor', actor);
	c.set('authVia', authVia);
	c.set('ctx', {
		db,
		actor,
		requestId: c.get('requestId'),
		ip: c.req.header(CLIENT_IP_HEADER) ?? undefined,
		now: deps.now ?? (() => new Date())
	});
	await next();
};

/**
 * Cookies ride along on cross-site requests; bearer tokens do not. So a cookie-authenticated write
 * must come from our own origin (browsers send Origin and Sec-Fetch-Site on such requests).
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
	const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
	if (unsafe && c.get('authVia') !== 'bearer') {
		const site = c.req.header('sec-fetch-site');
		const origin = c.req.header('origin');
		const expected = c.get('deps').env.PUBLIC_ORIGIN
			? new URL(c.get('deps').env.PUBLIC_ORIGIN!).origin
			: new URL(c.req.url).origin;
		if (
			site === 'cross-site' ||
			(origin && origin !== 'null' && origin !== expected) ||
			origin === 'null'
		) {
			throw new ForbiddenError(msg('cross_site_refused'));
		}
	}
	await next();
};

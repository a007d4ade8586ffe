import { building } from '$app/env';
import { redirect } from '@sveltejs/kit';
import {
	sequence,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit/hooks';
import { CLIENT_IP_HEADER, SESSION_COOKIE, redactPath } from '#api/client';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { apiClient, loginUrl } from '#lib/server/api.ts';
import { runtime } from '#lib/server/runtime.ts';
import { SECURITY_HEADERS } from '#lib/server/security-headers.ts';
import { unavailablePage } from '#lib/server/unavailable.ts';

/** Pages anyone may open without logging in. */
const PUBLIC_PAGES = new Set(['/login', '/locale', '/forgot']);

/** Boots the runtime (env, database, migrations, first admin) before the first request; not while building. */
export const init: ServerInit = async () => {
	if (building) return;
	await runtime();
};

/**
 * /api/* goes to the Hono app as is, with the client address set by us (never by the client). Under
 * `npm start`, web/start.ts answers /api before SvelteKit; this serves the dev server.
 */
const apiPassthrough: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	if (pathname !== '/api' && !pathname.startsWith('/api/')) return resolve(event);
	const headers = new Headers(event.request.headers);
	headers.set(CLIENT_IP_HEADER, event.getClientAddress());
	const { api } = await runtime();
	return api.fetch(new Request(event.request, { headers }));
};

/** Dutch unless the person chose English (a cookie); sets `<html lang>`. */
const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) })
	);

/** Resolves the user through the API; anonymous people only see the public pages. */
const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.can = null;
	if (event.cookies.get(SESSION_COOKIE)) {
		const res = await apiClient(event).api.v1.auth.me.$get();
		const status: number = res.status;
		if (res.ok) {
			({ user: event.locals.user, can: event.locals.can } = await res.json());
		} else if (res.status === 401) {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		} else if (status === 503) {
			// The database is out of reach: say so, rather than send a logged-in person to the login page.
			return unavailablePage();
		}
	}
	// Claim pages, the customer's "it arrived" page, password resets, a draw's public commitment and
	// verify pages and the wall (a display link) need no login.
	const isPublic =
		PUBLIC_PAGES.has(event.url.pathname) ||
		event.url.pathname.startsWith('/claim/') ||
		event.url.pathname.startsWith('/reset/') ||
		event.url.pathname.startsWith('/arrived/') ||
		event.url.pathname.startsWith('/draw/') ||
		event.url.pathname.startsWith('/wall/');
	if (!event.locals.user && !isPublic) redirect(303, loginUrl(event.url));
	if (event.locals.user && event.url.pathname === '/login') redirect(303, '/');
	return resolve(event);
};

/** Headers for every page (a route may set its own); the CSP comes from the `csp` option in vite.config.ts. */
const pageHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

export const handle = sequence(apiPassthrough, pageHeaders, i18n, auth);

export const handleError: HandleServerError = async ({ error, event, kind }) => {
	if (kind === 'unknown') {
		const { log } = await runtime();
		log('error', 'page error', {
			path: redactPath(event.url.pathname),
			error: error instanceof Error ? (error.stack ?? error.message) : String(error)
		});
	}
};

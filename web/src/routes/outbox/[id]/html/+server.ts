import { error, redirect } from '@sveltejs/kit';
import { apiClient, loginUrl, readProblem } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/**
 * The rendered HTML of one outbox message, for the sandboxed iframe on /outbox/[id]. Served on its
 * own with a CSP of its own: email HTML needs inline styles, which the site's CSP rightly refuses,
 * so only this response allows them, runs no script at all (`sandbox`, `default-src 'none'`),
 * loads nothing from elsewhere, and may only be framed by this site.
 */
const EMAIL_CSP = [
	"default-src 'none'",
	"style-src 'unsafe-inline'",
	'img-src data:',
	'sandbox',
	"form-action 'none'",
	"base-uri 'none'",
	"frame-ancestors 'self'"
].join('; ');

export const GET: RequestHandler = async (event) => {
	const res = await apiClient(event).api.v1.outbox[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) {
		const problem = await readProblem(res);
		if (problem.status === 401) redirect(303, loginUrl(event.url));
		error(problem.status, { status: problem.status, message: problem.detail });
	}
	const message = await res.json();
	return new Response(message.html, {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': EMAIL_CSP,
			'X-Frame-Options': 'SAMEORIGIN',
			'Cache-Control': 'private, no-store',
			'Referrer-Policy': 'no-referrer'
		}
	});
};

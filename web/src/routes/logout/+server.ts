import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '#api/client';
import { apiClient } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/** Ends the session in the API and forgets the cookie. */
export const POST: RequestHandler = async (event) => {
	if (event.cookies.get(SESSION_COOKIE)) await apiClient(event).api.v1.auth.logout.$post();
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};

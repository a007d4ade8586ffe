import { redirect } from '@sveltejs/kit';
import { apiClient } from '#lib/server/api.ts';
import { cookieMaxAge, cookieName, getLocale, isLocale } from '#lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * The customer's "it arrived" page from the on-its-way email: public, and read-only on GET (mail
 * scanners open links first); only the button marks the parcel delivered.
 */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
	const res = await apiClient(event).api.v1.arrivals[':token'].$get({
		param: { token: event.params.token }
	});
	if (res.status === 429) return { arrival: null, state: 'busy' as const };
	if (!res.ok) return { arrival: null, state: 'unavailable' as const };
	const arrival = await res.json();
	// The customer's language unless they chose one (the language cookie); once only, as on the claim page.
	if (
		!isLocale(event.cookies.get(cookieName)) &&
		arrival.locale !== getLocale() &&
		!event.url.searchParams.has('l')
	) {
		event.cookies.set(cookieName, arrival.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
		redirect(303, `${event.url.pathname}?l=${arrival.locale}`);
	}
	return { arrival, state: 'open' as const };
};

export const actions: Actions = {
	default: async (event) => {
		const res = await apiClient(event).api.v1.arrivals[':token'].$post({
			param: { token: event.params.token }
		});
		return res.ok ? { done: true } : { gone: true };
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { MAX_NAME_CHARS } from '#api/client';
import { apiClient, fieldErrors, readProblem } from '#lib/server/api.ts';
import { m } from '#lib/paraglide/messages.js';
import { cookieMaxAge, cookieName, getLocale, isLocale } from '#lib/paraglide/runtime.js';
import { loadBrand } from '#lib/brand/load-brand.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const ADDRESS_FIELDS = [
	'recipientName',
	'street',
	'houseNumber',
	'addition',
	'postcode',
	'city',
	'country'
] as const;

/**
 * The customer's claim page: public, read-only on GET (link scanners open links first, so showing
 * the page never uses the token up). Unknown, used and expired links get one neutral page.
 */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
	const [res, brand] = await Promise.all([
		apiClient(event).api.v1.claims[':token'].$get({ param: { token: event.params.token } }),
		loadBrand(event)
	]);
	if (res.status === 429)
		return { claim: null, state: 'busy' as const, nameMax: MAX_NAME_CHARS, brand };
	if (!res.ok)
		return { claim: null, state: 'unavailable' as const, nameMax: MAX_NAME_CHARS, brand };
	const claim = await res.json();
	// The page speaks the link's language unless the person chose one themselves (the language cookie).
	// Once only (`?l=`): a browser that refuses cookies gets the default language, not a redirect loop.
	if (
		!isLocale(event.cookies.get(cookieName)) &&
		claim.locale !== getLocale() &&
		!event.url.searchParams.has('l')
	) {
		event.cookies.set(cookieName, claim.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
		redirect(303, `${event.url.pathname}?l=${claim.locale}`);
	}
	return { claim, state: 'open' as const, nameMax: MAX_NAME_CHARS, brand };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const address = Object.fromEntries(
			ADDRESS_FIELDS.map((f) => [f, form.text(`address.${f}`, { trim: false })])
		) as Record<(typeof ADDRESS_FIELDS)[number], string>;
		const variantChoices = form.prefixed('variant.');
		const consent = form.checked('consent', 'yes');
		const values = { address, variantChoices, consent };

		const res = await apiClient(event).api.v1.claims[':token'].$post({
			param: { token: event.params.token },
			json: { address: { ...address, addition: address.addition || null }, variantChoices, consent }
		});
		if (res.ok) return { done: true as const, codes: (await res.json()).codes };
		const problem = await readProblem(res);
		if (problem.status === 404) return fail(404, { gone: true as const });
		if (problem.status === 429)
			return fail(429, {
				detail: m.workflow_claim_busy(),
				errors: {} as Record<string, string>,
				values
			});
		const errors = fieldErrors(problem.errors);
		// Field messages come in the link's language from the API; the summary is ours.
		const detail = problem.status === 400 ? m.workflow_claim_check_fields() : problem.detail;
		return fail(problem.status, { detail, errors, values });
	}
};

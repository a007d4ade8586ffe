import { redirect } from '@sveltejs/kit';
import { safeNext } from '#lib/server/api.ts';
import { cookieMaxAge, cookieName, isLocale } from '#lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** The language switch without JavaScript: the same cookie Paraglide's setLocale() writes. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	const next = form.get('next');
	redirect(303, safeNext(typeof next === 'string' ? next : null));
};

import { redirect } from '@sveltejs/kit';
import { safeNext } from '#lib/server/api.ts';
import { cookieMaxAge, cookieName, isLocale } from '#lib/paraglide/runtime.js';
import { readForm } from '#lib/server/form.ts';
import type { RequestHandler } from './$types';

/** The language switch without JavaScript: the same cookie Paraglide's setLocale() writes. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await readForm(request);
	const locale = form.text('locale', { trim: false });
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeNext(form.text('next', { trim: false }) || null));
};

import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.can?.administer) return { forbidden: true as const, brand: null };
	const res = await apiClient(event).api.v1.brand.$get();
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, brand: await res.json() };
};

const LOGO_TYPES = { 'image/svg+xml': 'image/svg+xml', 'image/png': 'image/png' } as const;

export const actions: Actions = {
	save: async (event) => {
		const form = await readForm(event.request);
		const values = {
			name: form.text('name'),
			color: form.text('color'),
			senderName: form.text('senderName'),
			replyTo: form.text('replyTo') || null,
			privacyUrl: form.text('privacyUrl') || null,
			addressWhy: { nl: form.text('addressWhy.nl'), en: form.text('addressWhy.en') },
			showSentWith: form.checked('showSentWith')
		};
		const res = await apiClient(event).api.v1.brand.$put({ json: values });
		if (!res.ok) return failFromApi(res, event, { action: 'save' as const, values });
		return { action: 'save' as const, saved: true };
	},
	logo: async (event) => {
		const form = await readForm(event.request);
		const file = form.file('logo');
		const type = file ? LOGO_TYPES[file.type as keyof typeof LOGO_TYPES] : undefined;
		if (!file || !type)
			return fail(400, {
				action: 'logo' as const,
				detail: m.form_check_fields(),
				errors: { data: m.brand_logo_choose() }
			});
		const data = Buffer.from(await file.arrayBuffer()).toString('base64');
		const res = await apiClient(event).api.v1.brand.logo.$put({ json: { type, data } });
		if (!res.ok) return failFromApi(res, event, { action: 'logo' as const });
		return { action: 'logo' as const, saved: true };
	},
	removeLogo: async (event) => {
		const res = await apiClient(event).api.v1.brand.logo.$delete();
		if (!res.ok) return failFromApi(res, event, { action: 'logo' as const });
		return { action: 'removeLogo' as const, saved: true };
	}
};

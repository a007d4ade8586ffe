import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm, type FormFields } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1['display-links'].$get();
	if (res.status === 403) return { forbidden: true as const, links: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, links: (await res.json()).items };
};

const settingsOf = (form: FormFields) => ({
	name: form.text('name'),
	showNegative: form.checked('showNegative'),
	theme: form.text('theme') === 'light' ? ('light' as const) : ('dark' as const),
	locale: form.text('locale') === 'en' ? ('en' as const) : ('nl' as const)
});

export const actions: Actions = {
	create: async (event) => {
		const values = settingsOf(await readForm(event.request));
		const res = await apiClient(event).api.v1['display-links'].$post({ json: values });
		if (!res.ok) return failFromApi(res, event, { action: 'create', values });
		const link = await res.json();
		// The link leaves the server exactly once, in this response; it is never stored or shown again.
		return { action: 'create', created: { name: link.name, url: link.url } };
	},
	update: async (event) => {
		const form = await readForm(event.request);
		const id = form.text('id', { trim: false });
		const res = await apiClient(event).api.v1['display-links'][':id'].$patch({
			param: { id },
			json: settingsOf(form)
		});
		if (!res.ok) return failFromApi(res, event, { action: 'update', id });
		return { action: 'update', saved: m.display_links_saved({ name: (await res.json()).name }) };
	},
	revoke: async (event) => {
		const id = (await readForm(event.request)).text('id', { trim: false });
		const res = await apiClient(event).api.v1['display-links'][':id'].revoke.$post({
			param: { id }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'revoke' });
		return { action: 'revoke', saved: m.display_links_revoked({ name: (await res.json()).name }) };
	}
};

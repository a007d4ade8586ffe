import { fail } from '@sveltejs/kit';
import { tokenScopes, type TokenScope } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/form.ts';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.tokens.$get();
	if (res.status === 403) return { forbidden: true as const, tokens: [], scopes: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	const body = await res.json();
	return { forbidden: false as const, tokens: body.items, scopes: body.scopes };
};

export const actions: Actions = {
	create: async (event) => {
		const form = await readForm(event.request);
		const name = form.text('name');
		const scopes = form
			.all('scopes')
			.filter((s): s is TokenScope => (tokenScopes as readonly string[]).includes(s));
		const values = { name, scopes };
		if (scopes.length === 0) {
			return fail(400, {
				action: 'create',
				detail: m.form_check_fields(),
				errors: { scopes: m.tokens_scopes_required() },
				values
			});
		}
		const res = await apiClient(event).api.v1.tokens.$post({ json: { name, scopes } });
		if (!res.ok) {
			return failFromApi(res, event, { action: 'create', values });
		}
		const token = await res.json();
		// The secret leaves the server exactly once, in this response; it is never stored or shown again.
		return { action: 'create', created: { name: token.name, token: token.token } };
	},
	revoke: async (event) => {
		const id = (await readForm(event.request)).text('id', { trim: false });
		const res = await apiClient(event).api.v1.tokens[':id'].revoke.$post({ param: { id } });
		if (!res.ok) {
			return failFromApi(res, event, { action: 'revoke' });
		}
		const token = await res.json();
		return { action: 'revoke', saved: m.tokens_revoked({ name: token.name }) };
	}
};

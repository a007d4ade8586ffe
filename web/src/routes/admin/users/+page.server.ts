import { fail } from '@sveltejs/kit';
import { isRole } from '#lib/labels.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/form.ts';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.users.$get();
	// Not an admin: the page explains instead of failing (the menu does not show it anyway).
	if (res.status === 403) return { forbidden: true as const, users: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, users: (await res.json()).items };
};

export const actions: Actions = {
	create: async (event) => {
		const form = await readForm(event.request);
		const values = {
			name: form.text('name'),
			email: form.text('email'),
			role: form.text('role'),
			locale: form.text('locale') || 'nl'
		};
		const password = form.text('password', { trim: false });
		if (!isRole(values.role)) {
			return fail(400, {
				action: 'create',
				detail: m.form_check_fields(),
				errors: { role: m.users_role_required() },
				values
			});
		}
		const locale = values.locale === 'en' ? 'en' : 'nl';
		const res = await apiClient(event).api.v1.users.$post({
			json: { ...values, role: values.role, locale, password }
		});
		if (!res.ok) {
			return failFromApi(res, event, { action: 'create', values });
		}
		const user = await res.json();
		return { action: 'create', saved: m.users_created({ name: user.name }) };
	},
	role: async (event) => {
		const form = await readForm(event.request);
		const id = form.text('id');
		const role = form.text('role');
		if (!isRole(role))
			return fail(400, {
				action: 'role',
				id,
				detail: m.users_role_required(),
				errors: {}
			} satisfies FormFailure & { action: string; id: string });
		const res = await apiClient(event).api.v1.users[':id'].$patch({
			param: { id },
			json: { role }
		});
		if (!res.ok) {
			return failFromApi(res, event, { action: 'role', id });
		}
		const user = await res.json();
		return { action: 'role', id, saved: m.users_role_changed({ name: user.name }) };
	},
	active: async (event) => {
		const form = await readForm(event.request);
		const id = form.text('id');
		const active = form.text('active') === 'true';
		const res = await apiClient(event).api.v1.users[':id'].$patch({
			param: { id },
			json: { active }
		});
		if (!res.ok) {
			return failFromApi(res, event, { action: 'active', id });
		}
		const user = await res.json();
		return {
			action: 'active',
			id,
			saved: user.active
				? m.users_activated({ name: user.name })
				: m.users_deactivated({ name: user.name })
		};
	},
	resetLink: async (event) => {
		const id = (await readForm(event.request)).text('id');
		const res = await apiClient(event).api.v1.users[':id']['password-reset'].$post({
			param: { id }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'resetLink', id });
		return { action: 'resetLink', id, saved: m.users_reset_link_sent() };
	}
};

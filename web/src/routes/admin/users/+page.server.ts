import { fail } from '@sveltejs/kit';
import { isRole } from '#lib/labels.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.users.$get();
	// Not an admin: the page explains instead of failing (the menu does not show it anyway).
	if (res.status === 403) return { forbidden: true as const, users: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, users: (await res.json()).items };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		const values = {
			name: text(form, 'name'),
			email: text(form, 'email'),
			role: text(form, 'role'),
			locale: text(form, 'locale') || 'nl'
		};
		const password = String(form.get('password') ?? '');
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
		const form = await event.request.formData();
		const id = text(form, 'id');
		const role = text(form, 'role');
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
		const form = await event.request.formData();
		const id = text(form, 'id');
		const active = text(form, 'active') === 'true';
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
	}
};

import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.settings.$get();
	if (res.status === 403) return { forbidden: true as const, settings: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, settings: (await res.json()).items };
};

/**
 * The form sends `value` as typed: a checkbox (`on` or absent), a number, or JSON text for lists and
 * objects. `kind` says which, so "12" in a JSON field is not silently taken as a number setting.
 */
function parseValue(
	kind: string,
	raw: FormDataEntryValue | null
): { value: unknown } | { error: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (kind === 'boolean') return { value: text === 'on' };
	if (kind === 'number') {
		if (text === '' || !Number.isFinite(Number(text))) return { error: m.settings_error_number() };
		return { value: Number(text) };
	}
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return { error: m.settings_error_json() };
	}
}

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const key = String(form.get('key') ?? '');
		const raw = form.get('value');
		const parsed = parseValue(String(form.get('kind') ?? 'json'), raw);
		if ('error' in parsed)
			return fail(400, {
				key,
				detail: m.form_check_fields(),
				errors: { value: parsed.error },
				raw: String(raw ?? '')
			});
		const res = await apiClient(event).api.v1.settings[':key'].$put({
			param: { key },
			json: { value: parsed.value }
		});
		if (!res.ok) return failFromApi(res, event, { key, raw: String(raw ?? '') });
		return { key, saved: true };
	},
	reset: async (event) => {
		const form = await event.request.formData();
		const key = String(form.get('key') ?? '');
		const current = await apiClient(event).api.v1.settings[':key'].$get({ param: { key } });
		if (!current.ok) return failFromApi(current, event, { key });
		const res = await apiClient(event).api.v1.settings[':key'].$put({
			param: { key },
			json: { value: (await current.json()).default }
		});
		if (!res.ok) return failFromApi(res, event, { key });
		return { key, saved: true };
	}
};

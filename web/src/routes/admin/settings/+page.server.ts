import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/form.ts';

export const load: PageServerLoad = async (event) => {
	const client = apiClient(event);
	const [res, rebuildRes] = await Promise.all([
		client.api.v1.settings.$get(),
		client.api.v1.scores['weights-rebuild'].$get()
	]);
	if (res.status === 403)
		return { forbidden: true as const, settings: [], backups: null, rebuild: null };
	if (!res.ok) return throwFromApi(res, event.url);
	const backups = await client.api.v1.backups.$get();
	if (!backups.ok) return throwFromApi(backups, event.url);
	// The weights rebuild's progress, shown under the score weights (a failure here hides only that).
	const rebuild = rebuildRes.ok ? (await rebuildRes.json()).rebuild : null;
	return {
		forbidden: false as const,
		settings: (await res.json()).items,
		backups: await backups.json(),
		rebuild
	};
};

/**
 * The form sends `value` as typed: a checkbox (`on` or absent), a number, or JSON text for lists and
 * objects. `kind` says which, so "12" in a JSON field is not silently taken as a number setting.
 */
function parseValue(kind: string, raw: string): { value: unknown } | { error: string } {
	const text = raw.trim();
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
		const form = await readForm(event.request);
		const key = form.text('key', { trim: false });
		const raw = form.text('value', { trim: false });
		const parsed = parseValue(form.text('kind', { trim: false }) || 'json', raw);
		if ('error' in parsed)
			return fail(400, {
				key,
				detail: m.form_check_fields(),
				errors: { value: parsed.error },
				raw
			});
		const res = await apiClient(event).api.v1.settings[':key'].$put({
			param: { key },
			json: { value: parsed.value }
		});
		if (!res.ok) return failFromApi(res, event, { key, raw });
		return { key, saved: true };
	},
	reset: async (event) => {
		const key = (await readForm(event.request)).text('key', { trim: false });
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

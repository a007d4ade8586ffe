import { error, fail, redirect } from '@sveltejs/kit';
import { giftToForm, mapGiftErrors, readGiftForm } from '#lib/gifts/gift-form.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.can?.manageCatalogue)
		error(403, { status: 403, message: m.campaigns_catalogue_managers_only() });
	const res = await apiClient(event).api.v1.gifts[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const gift = await res.json();
	return { gift: { id: gift.id, name: gift.name, kind: gift.kind }, values: giftToForm(gift) };
};

export const actions: Actions = {
	default: async (event) => {
		const api = apiClient(event);
		const current = await api.api.v1.gifts[':id'].$get({ param: { id: event.params.id } });
		if (!current.ok) return failFromApi(current, event, { values: giftToForm() });
		const gift = await current.json();
		// The kind is fixed once created; it only decides whether a face value is read.
		const { values, body, localErrors } = readGiftForm(await event.request.formData(), gift.kind);
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: localErrors,
				values
			} satisfies FormFailure & Record<string, unknown>);
		}
		const { kind: _kind, ...changes } = body;
		const res = await api.api.v1.gifts[':id'].$patch({
			param: { id: event.params.id },
			json: changes
		});
		if (!res.ok) {
			const failure = await failFromApi(res, event, { values });
			return fail(failure.status, { ...failure.data, errors: mapGiftErrors(failure.data.errors) });
		}
		redirect(303, `/gifts/${event.params.id}?notice=saved`);
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { giftToForm, mapGiftErrors, readGiftForm } from '#lib/gifts/gift-form.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	if (!event.locals.can?.manageCatalogue)
		error(403, { status: 403, message: m.campaigns_catalogue_managers_only() });
	return { values: giftToForm(), idempotencyKey: crypto.randomUUID() };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const { values, body, localErrors } = readGiftForm(form);
		const idempotencyKey = String(form.get('idempotencyKey') ?? '') || crypto.randomUUID();
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: localErrors,
				values,
				idempotencyKey
			} satisfies FormFailure & Record<string, unknown>);
		}
		const res = await apiClient(event).api.v1.gifts.$post(
			{ json: body },
			{ headers: { 'Idempotency-Key': idempotencyKey } }
		);
		if (!res.ok) {
			const failure = await failFromApi(res, event, {
				values,
				idempotencyKey: crypto.randomUUID()
			});
			return fail(failure.status, { ...failure.data, errors: mapGiftErrors(failure.data.errors) });
		}
		const gift = await res.json();
		redirect(303, `/gifts/${gift.id}?notice=created`);
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import {
	campaignToForm,
	mapCampaignErrors,
	readCampaignForm
} from '#lib/campaigns/campaign-form.ts';
import { activeGiftOptions } from '#lib/campaigns/gift-options.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// Only marketing creates campaigns (the API refuses everyone else); say so instead of a form that fails.
	if (!event.locals.can?.manageCampaigns)
		error(403, { status: 403, message: m.campaigns_marketing_only() });
	return {
		values: campaignToForm(),
		gifts: await activeGiftOptions(apiClient(event)),
		idempotencyKey: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const { values, body, localErrors } = readCampaignForm(form);
		const idempotencyKey = String(form.get('idempotencyKey') ?? '') || crypto.randomUUID();
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: localErrors,
				values,
				idempotencyKey
			} satisfies FormFailure & Record<string, unknown>);
		}
		const res = await apiClient(event).api.v1.campaigns.$post(
			{ json: body },
			{ headers: { 'Idempotency-Key': idempotencyKey } }
		);
		if (!res.ok) {
			// A failed attempt may be corrected and sent again: that is a new request, with a new key.
			const failure = await failFromApi(res, event, {
				values,
				idempotencyKey: crypto.randomUUID()
			});
			return fail(failure.status, {
				...failure.data,
				errors: mapCampaignErrors(failure.data.errors)
			});
		}
		const campaign = await res.json();
		redirect(303, `/campaigns/${campaign.id}?notice=created`);
	}
};

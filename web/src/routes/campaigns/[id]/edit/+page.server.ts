import { error, fail, redirect } from '@sveltejs/kit';
import {
	campaignToForm,
	mapCampaignErrors,
	readCampaignForm
} from '#lib/campaigns/campaign-form.ts';
import { activeGiftOptions } from '#lib/campaigns/gift-options.ts';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.can?.manageCampaigns)
		error(403, { status: 403, message: m.campaigns_marketing_only() });
	const api = apiClient(event);
	const res = await api.api.v1.campaigns[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const campaign = await res.json();
	// Once submitted, what marketing decides on stays what was submitted: back to the campaign page.
	if (!campaign.can.edit) redirect(303, `/campaigns/${campaign.id}?notice=not_editable`);
	// Keep gifts that are already allowed but went inactive visible, so unticking them is possible.
	const active = await activeGiftOptions(api);
	const gifts = [
		...active,
		...campaign.gifts
			.filter((g) => !active.some((a) => a.id === g.id))
			.map((g) => ({ ...g, unitCostCents: 0 }))
	];
	return {
		campaign: { id: campaign.id, name: campaign.name },
		values: campaignToForm(campaign),
		gifts
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { values, body, localErrors } = readCampaignForm(await event.request.formData());
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: localErrors,
				values
			} satisfies FormFailure & Record<string, unknown>);
		}
		const res = await apiClient(event).api.v1.campaigns[':id'].$patch({
			param: { id: event.params.id },
			json: body
		});
		if (!res.ok) {
			const failure = await failFromApi(res, event, { values });
			return fail(failure.status, {
				...failure.data,
				errors: mapCampaignErrors(failure.data.errors)
			});
		}
		redirect(303, `/campaigns/${event.params.id}?notice=saved`);
	}
};

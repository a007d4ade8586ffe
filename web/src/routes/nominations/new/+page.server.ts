import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, type FormFailure } from '#lib/server/api.ts';
import { isReason, isUuid } from '#lib/surprises/labels.ts';
import { openCampaigns } from '#lib/surprises/plan-form.server.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const customerId = event.url.searchParams.get('customer');
	let customer: { id: string; name: string } | null = null;
	if (isUuid(customerId)) {
		const res = await api.api.v1.customers[':id'].$get({ param: { id: customerId } });
		if (res.ok) {
			const c = await res.json();
			customer = { id: c.id, name: c.name };
		}
	}
	return {
		customer,
		campaigns: await openCampaigns(api),
		// One key per form shown: a double click or a resent form creates one nomination, not two.
		idempotencyKey: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const text = (key: string) => form.text(key, { trim: false });
		const values = {
			customerId: text('customerId'),
			customerName: text('customerName'),
			postUrl: form.text('postUrl'),
			reason: text('reason'),
			text: text('text'),
			campaignId: text('campaignId')
		};
		const key = text('idempotencyKey');
		if (!isUuid(values.customerId) && !values.postUrl) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: { postUrl: m.workflow_nominate_need_link() },
				values
			} satisfies FormFailure & { values: typeof values });
		}
		if (!isReason(values.reason)) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: { reason: m.workflow_nominate_need_reason() },
				values
			} satisfies FormFailure & { values: typeof values });
		}
		const res = await apiClient(event).api.v1.nominations.$post(
			{
				json: {
					reason: values.reason,
					text: values.text,
					...(isUuid(values.customerId) ? { customerId: values.customerId } : {}),
					...(values.postUrl ? { postUrl: values.postUrl } : {}),
					...(!isUuid(values.customerId) && values.customerName.trim()
						? { customerName: values.customerName }
						: {}),
					...(isUuid(values.campaignId) ? { campaignId: values.campaignId } : {})
				}
			},
			isUuid(key) ? { headers: { 'Idempotency-Key': `nomination-${key}` } } : undefined
		);
		if (!res.ok) return failFromApi(res, event, { values });
		const nomination = await res.json();
		redirect(
			303,
			`/nominations/${nomination.id}?notice=${nomination.customerCreated ? 'created-customer' : 'created'}`
		);
	}
};

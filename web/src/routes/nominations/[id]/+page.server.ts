import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import { isUuid } from '#lib/surprises/labels.ts';
import {
	emptyPlanValues,
	giftChoices,
	openCampaigns,
	readPlanForm,
	signers,
	type PlanValues
} from '#lib/surprises/plan-form.server.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['created', 'created-customer', 'declined'] as const;
type NoticeKind = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const res = await api.api.v1.nominations[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const nomination = await res.json();
	const notice = event.url.searchParams.get('notice');
	const base = {
		nomination,
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
	const user = event.locals.user;
	if (!nomination.can.accept || !user) return { ...base, plan: null };

	const campaigns = await openCampaigns(api);
	const asked = event.url.searchParams.get('campaign');
	const campaignId =
		(isUuid(asked) && campaigns.some((c) => c.id === asked) ? asked : null) ??
		(nomination.campaign && campaigns.some((c) => c.id === nomination.campaign!.id)
			? nomination.campaign.id
			: null) ??
		(campaigns.length === 1 ? campaigns[0]!.id : '');
	const [gifts, people] = await Promise.all([
		campaignId ? giftChoices(api, campaignId) : Promise.resolve([]),
		signers(api)
	]);
	return {
		...base,
		plan: {
			campaigns,
			campaignId,
			gifts,
			signers: people,
			values: emptyPlanValues(campaignId, people.some((p) => p.id === user.id) ? user.id : ''),
			idempotencyKey: crypto.randomUUID()
		}
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const form = await event.request.formData();
		const { values, body, localErrors, mapErrors } = readPlanForm(form);
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				action: 'accept' as const,
				detail: m.form_check_fields(),
				errors: localErrors,
				values
			} satisfies FormFailure & { action: 'accept'; values: PlanValues });
		}
		const key = String(form.get('idempotencyKey') ?? '');
		const res = await apiClient(event).api.v1.nominations[':id'].accept.$post(
			{ param: { id: event.params.id }, json: body },
			isUuid(key) ? { headers: { 'Idempotency-Key': `accept-${key}` } } : undefined
		);
		if (!res.ok) {
			const failure = await failFromApi(res, event, { action: 'accept' as const, values });
			return fail(failure.status, { ...failure.data, errors: mapErrors(failure.data.errors) });
		}
		const { surprise } = await res.json();
		redirect(
			303,
			`/surprises/${surprise.id}?notice=${surprise.autoApproval.approved ? 'auto-approved' : 'created'}`
		);
	},
	decline: async (event) => {
		const form = await event.request.formData();
		const reason = String(form.get('reason') ?? '');
		if (!reason.trim()) {
			return fail(400, {
				action: 'decline' as const,
				detail: m.form_check_fields(),
				errors: { reason: m.workflow_decline_need_reason() },
				reason
			});
		}
		const res = await apiClient(event).api.v1.nominations[':id'].decline.$post({
			param: { id: event.params.id },
			json: { reason }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'decline' as const, reason });
		redirect(303, `/nominations/${event.params.id}?notice=declined`);
	}
};

import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiClient, failFromApi, readProblem, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['prepared', 'drawn', 'cancelled', 'promoted'] as const;
type NoticeKind = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const res = await api.api.v1.draws[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const draw = await res.json();
	const campaignRes = draw.campaignId
		? await api.api.v1.campaigns[':id'].$get({ param: { id: draw.campaignId } })
		: null;
	const campaign = campaignRes?.ok ? await campaignRes.json() : null;
	const notice = event.url.searchParams.get('notice');
	return {
		draw,
		campaign: campaign
			? {
					id: campaign.id,
					name: campaign.name,
					gifts: campaign.gifts.map((g) => ({ id: g.id, name: g.name }))
				}
			: null,
		origin: event.url.origin,
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
};

/** A refusal that is no field to fix (state, role): the API's own words beside the form used. */
async function refused(res: Response, event: RequestEvent, action: string) {
	const problem = await readProblem(res);
	if (problem.status === 403 || problem.status === 409)
		return fail(problem.status, {
			action,
			detail: problem.detail,
			errors: {} as Record<string, string>
		});
	return failFromApi(res, event, { action });
}

export const actions: Actions = {
	draw: async (event) => {
		const res = await apiClient(event).api.v1.draws[':id'].draw.$post({
			param: { id: event.params.id }
		});
		if (!res.ok) return refused(res, event, 'draw');
		redirect(303, `/draws/${event.params.id}?notice=drawn`);
	},
	cancel: async (event) => {
		const reason = (await readForm(event.request)).text('reason');
		const res = await apiClient(event).api.v1.draws[':id'].cancel.$post({
			param: { id: event.params.id },
			json: { reason }
		});
		if (!res.ok) return refused(res, event, 'cancel');
		redirect(303, `/draws/${event.params.id}?notice=cancelled`);
	},
	promote: async (event) => {
		const form = await readForm(event.request);
		const reason = form.text('reason') === 'not_claimed' ? 'not_claimed' : 'no_response';
		const res = await apiClient(event).api.v1.draws[':id'].promotions.$post({
			param: { id: event.params.id },
			json: { candidateId: form.text('candidateId'), reason }
		});
		if (!res.ok) return refused(res, event, 'promote');
		redirect(303, `/draws/${event.params.id}?notice=promoted`);
	},
	/** All winners at once, or the chunk the page sends (`candidateIds`) to show its progress. */
	surprises: async (event) => {
		const form = await readForm(event.request);
		const giftId = form.text('giftId');
		const own = form.prefixed('gift_');
		const candidateIds = form.all('candidateIds');
		const res = await apiClient(event).api.v1.draws[':id'].surprises.$post({
			param: { id: event.params.id },
			json: {
				items: [{ giftId }],
				perWinner: Object.entries(own).map(([candidateId, id]) => ({
					candidateId,
					items: [{ giftId: id }]
				})),
				cardMessage: form.text('cardMessage', { trim: false }),
				...(candidateIds.length ? { candidateIds } : {})
			}
		});
		if (!res.ok) return refused(res, event, 'surprises');
		return { action: 'surprises' as const, outcome: await res.json() };
	},
	claimLinks: async (event) => {
		const form = await readForm(event.request);
		const candidateIds = form.all('candidateIds');
		const res = await apiClient(event).api.v1.draws[':id']['claim-links'].$post({
			param: { id: event.params.id },
			// Emailed through the mail queue (the outbox without SMTP), and listed to copy either way.
			json: {
				sendEmail: form.checked('sendEmail'),
				...(candidateIds.length ? { candidateIds } : {})
			}
		});
		if (!res.ok) return refused(res, event, 'claimLinks');
		return { action: 'claimLinks' as const, outcome: await res.json() };
	}
};

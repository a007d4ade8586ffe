import { redirect } from '@sveltejs/kit';
import { isTier, type Tier } from '#lib/labels.ts';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { toAmsterdamLocalInput } from '#lib/scores/labels.ts';
import {
	readReactionForm,
	toUpdateInput,
	type ReactionFormValues
} from '#lib/reactions/reaction-form.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['logged', 'exists', 'saved'] as const;

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const res = await api.api.v1.reactions[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const reaction = await res.json();
	const postedAt = toAmsterdamLocalInput(reaction.postedAt);
	// Not linked yet: the surprise whose gift window holds the post, to offer the link.
	let suggestedSurprise: { id: string; reference: string } | null = reaction.surprise;
	if (!reaction.surprise) {
		const s = await api.api.v1.reactions.suggest.$post({
			json: { customerId: reaction.customerId, postedAt: reaction.postedAt }
		});
		if (s.ok) suggestedSurprise = (await s.json()).suggestedSurprise;
	}
	const values: ReactionFormValues = {
		url: reaction.url ?? '',
		handle: '',
		customerName: '',
		customerId: reaction.customerId,
		text: reaction.text,
		postedAt,
		kind: reaction.kind,
		sentiment: reaction.sentiment,
		likes: String(reaction.likes),
		shares: String(reaction.shares),
		comments: String(reaction.comments),
		followers: String(reaction.followers),
		surpriseId: suggestedSurprise?.id ?? '',
		linkSurprise: reaction.surprise !== null
	};
	const params = event.url.searchParams;
	const notice = params.get('notice');
	const from = params.get('from');
	const to = params.get('to');
	return {
		reaction,
		values,
		suggestedSurprise,
		notice: NOTICES.includes(notice as (typeof NOTICES)[number])
			? (notice as (typeof NOTICES)[number])
			: null,
		tierChange: isTier(from) && isTier(to) ? { from: from as Tier, to: to as Tier } : null,
		customerCreated: params.get('customerCreated') === '1'
	};
};

export const actions: Actions = {
	update: async (event) => {
		const form = await readForm(event.request);
		const values = readReactionForm(form);
		// A sentiment sent is a choice (it overrides the suggestion): only when staff changed it, so a
		// changed text can still move a suggested one.
		const unchanged = values.sentiment === form.text('originalSentiment', { trim: false });
		const json = toUpdateInput({ ...values, sentiment: unchanged ? '' : values.sentiment });
		const res = await apiClient(event).api.v1.reactions[':id'].$patch({
			param: { id: event.params.id },
			json
		});
		if (!res.ok) return failFromApi(res, event, { values });
		redirect(303, `/reactions/${event.params.id}?notice=saved`);
	},
	delete: async (event) => {
		const res = await apiClient(event).api.v1.reactions[':id'].$delete({
			param: { id: event.params.id }
		});
		if (!res.ok) return failFromApi(res, event);
		redirect(303, '/reactions?notice=deleted');
	}
};

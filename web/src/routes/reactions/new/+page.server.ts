import { redirect } from '@sveltejs/kit';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { toAmsterdamLocalInput } from '#lib/scores/labels.ts';
import {
	emptyReactionForm,
	readReactionForm,
	toLogInput,
	toSuggestInput
} from '#lib/reactions/reaction-form.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opened from a customer or a surprise: that customer (and surprise) filled in. */
export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const params = event.url.searchParams;
	const values = emptyReactionForm(toAmsterdamLocalInput(new Date()));
	let surprise: { id: string; reference: string } | null = null;
	const surpriseId = params.get('surpriseId') ?? '';
	if (UUID.test(surpriseId)) {
		const res = await api.api.v1.surprises[':id'].$get({ param: { id: surpriseId } });
		if (!res.ok) return throwFromApi(res, event.url);
		const s = await res.json();
		surprise = { id: s.id, reference: s.reference };
		values.customerId = s.customer.id;
		values.surpriseId = s.id;
		values.linkSurprise = true;
	}
	const customerId = params.get('customerId') ?? '';
	if (!values.customerId && UUID.test(customerId)) values.customerId = customerId;
	let suggestion = null;
	if (values.customerId) {
		const res = await api.api.v1.reactions.suggest.$post({ json: toSuggestInput(values) });
		if (!res.ok) return throwFromApi(res, event.url);
		suggestion = await res.json();
		if (suggestion.followers !== null) values.followers = String(suggestion.followers);
	}
	return { initial: values, suggestion, surprise };
};

export const actions: Actions = {
	/** Who posted it, the suggested sentiment and its words, the probable surprise: nothing is written. */
	suggest: async (event) => {
		const values = readReactionForm(await readForm(event.request));
		const res = await apiClient(event).api.v1.reactions.suggest.$post({
			json: toSuggestInput(values)
		});
		if (!res.ok) return failFromApi(res, event, { values });
		return { suggestion: await res.json(), values };
	},
	log: async (event) => {
		const values = readReactionForm(await readForm(event.request));
		const res = await apiClient(event).api.v1.reactions.$post({ json: toLogInput(values) });
		if (!res.ok) return failFromApi(res, event, { values });
		const logged = await res.json();
		const params = new URLSearchParams({
			notice: logged.created ? 'logged' : 'exists',
			from: logged.customerScore.previousTier,
			to: logged.customerScore.tier
		});
		if (logged.customerCreated) params.set('customerCreated', '1');
		redirect(303, `/reactions/${logged.reaction.id}?${params}`);
	}
};

import { redirect } from '@sveltejs/kit';
import { isChannel, isTier, type Channel, type Tier } from '#lib/labels.ts';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const q = (params.get('q') ?? '').trim();
	const channel = params.get('channel');
	const tier = params.get('tier');
	const cursor = params.get('cursor') ?? '';
	const filters: { q: string; channel: Channel | ''; tier: Tier | '' } = {
		q,
		channel: isChannel(channel) ? channel : '',
		tier: isTier(tier) ? tier : ''
	};

	const query = {
		limit: PAGE_SIZE,
		...(filters.q ? { q: filters.q } : {}),
		...(filters.channel ? { channel: filters.channel } : {}),
		...(filters.tier ? { tier: filters.tier } : {}),
		...(cursor ? { cursor } : {})
	};
	const res = await apiClient(event).api.v1.customers.$get({ query });
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	const imported = Number(params.get('imported'));
	return {
		items: page.items,
		nextCursor: page.nextCursor,
		cursor,
		filters,
		imported: Number.isInteger(imported) && imported > 0 ? imported : null
	};
};

export const actions: Actions = {
	/** "Plak een link": a post or profile URL finds or creates the customer by handle. */
	fromUrl: async (event) => {
		const url = (await readForm(event.request)).text('url');
		const res = await apiClient(event).api.v1.customers['from-url'].$post({ json: { url } });
		if (!res.ok) return failFromApi(res, event, { values: { url } });
		const result = await res.json();
		redirect(
			303,
			`/customers/${result.customer.id}?notice=${result.created ? 'created' : 'found'}`
		);
	}
};

import { redirect } from '@sveltejs/kit';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import {
	isLeaderboardTier,
	isLeaderboardView,
	type LeaderboardTier,
	type LeaderboardView
} from '#lib/scores/labels.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const tier = params.get('tier');
	const view = params.get('view');
	const cursor = params.get('cursor') ?? '';
	const filters: { tier: LeaderboardTier | ''; view: LeaderboardView | '' } = {
		tier: isLeaderboardTier(tier) ? tier : '',
		view: isLeaderboardView(view) ? view : ''
	};
	const query = {
		limit: PAGE_SIZE,
		...(filters.tier ? { tier: filters.tier } : {}),
		...(filters.view ? { view: filters.view } : {}),
		...(cursor ? { cursor } : {})
	};
	const res = await apiClient(event).api.v1.ambassadors.$get({ query });
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	const recomputed = Number(params.get('recomputed'));
	return {
		items: page.items,
		nextCursor: page.nextCursor,
		cursor,
		filters,
		recomputed: Number.isInteger(recomputed) && params.has('recomputed') ? recomputed : null
	};
};

export const actions: Actions = {
	/** Admin: every score now (after changing the weights, or before the nightly run). */
	recompute: async (event) => {
		const res = await apiClient(event).api.v1.scores.recompute.$post();
		if (!res.ok) return failFromApi(res, event);
		const result = await res.json();
		redirect(303, `/ambassadors?recomputed=${result.scored}`);
	}
};

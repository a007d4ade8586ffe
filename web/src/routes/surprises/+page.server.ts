import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { isSurpriseStatus, isUuid, type SurpriseStatus } from '#lib/surprises/labels.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const view: 'all' | 'overdue' = params.get('view') === 'overdue' ? 'overdue' : 'all';
	const status = params.get('status');
	const campaignId = params.get('campaign');
	const cursor = params.get('cursor') ?? '';
	const filters: { view: 'all' | 'overdue'; status: SurpriseStatus | ''; campaign: string } = {
		view,
		status: view === 'all' && isSurpriseStatus(status) ? status : '',
		campaign: isUuid(campaignId) ? campaignId : ''
	};
	const api = apiClient(event);
	const base = {
		limit: PAGE_SIZE,
		...(filters.campaign ? { campaignId: filters.campaign } : {}),
		...(cursor ? { cursor } : {})
	};
	const [res, campaignsRes] = await Promise.all([
		view === 'overdue'
			? api.api.v1.surprises.overdue.$get({ query: base })
			: api.api.v1.surprises.$get({
					query: { ...base, ...(filters.status ? { status: filters.status } : {}) }
				}),
		api.api.v1.campaigns.$get({ query: { limit: '200' } })
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	const campaigns = campaignsRes.ok
		? (await campaignsRes.json()).items.map((c) => ({ id: c.id, name: c.name }))
		: [];
	return {
		items: page.items,
		nextCursor: page.nextCursor,
		cursor,
		filters,
		campaigns: campaigns.sort((a, b) => a.name.localeCompare(b.name))
	};
};

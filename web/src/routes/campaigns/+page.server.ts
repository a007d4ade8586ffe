import {
	isCampaignKind,
	isCampaignStatus,
	type CampaignKind,
	type CampaignStatus
} from '#lib/campaigns/labels.ts';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const status = params.get('status');
	const kind = params.get('kind');
	const cursor = params.get('cursor') ?? '';
	const filters: { status: CampaignStatus | ''; kind: CampaignKind | '' } = {
		status: isCampaignStatus(status) ? status : '',
		kind: isCampaignKind(kind) ? kind : ''
	};
	const query = {
		limit: PAGE_SIZE,
		...(filters.status ? { status: filters.status } : {}),
		...(filters.kind ? { kind: filters.kind } : {}),
		...(cursor ? { cursor } : {})
	};
	const res = await apiClient(event).api.v1.campaigns.$get({ query });
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	return { items: page.items, nextCursor: page.nextCursor, cursor, filters };
};

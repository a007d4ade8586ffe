import { isChannel, type Channel } from '#lib/labels.ts';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { isNominationStatus, isUuid, type NominationStatus } from '#lib/surprises/labels.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const status = params.get('status');
	const channel = params.get('channel');
	const campaignId = params.get('campaign');
	const nominatedBy = params.get('nominator');
	const cursor = params.get('cursor') ?? '';
	const filters: {
		status: NominationStatus | '';
		channel: Channel | '';
		campaign: string;
		nominator: string;
	} = {
		status: isNominationStatus(status) ? status : '',
		channel: isChannel(channel) ? channel : '',
		campaign: isUuid(campaignId) ? campaignId : '',
		nominator: isUuid(nominatedBy) ? nominatedBy : ''
	};
	const api = apiClient(event);
	const query = {
		limit: PAGE_SIZE,
		...(filters.status ? { status: filters.status } : {}),
		...(filters.channel ? { channel: filters.channel } : {}),
		...(filters.campaign ? { campaignId: filters.campaign } : {}),
		...(filters.nominator ? { nominatedBy: filters.nominator } : {}),
		...(cursor ? { cursor } : {})
	};
	const [res, campaignsRes, nominatorsRes] = await Promise.all([
		api.api.v1.nominations.$get({ query }),
		api.api.v1.campaigns.$get({ query: { limit: '200' } }),
		api.api.v1.nominations.nominators.$get()
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	const campaigns = campaignsRes.ok
		? (await campaignsRes.json()).items.map((c) => ({ id: c.id, name: c.name }))
		: [];
	const nominators = nominatorsRes.ok ? (await nominatorsRes.json()).items : [];
	const notice = params.get('notice');
	return {
		items: page.items,
		nextCursor: page.nextCursor,
		cursor,
		filters,
		campaigns: campaigns.sort((a, b) => a.name.localeCompare(b.name)),
		nominators,
		notice: notice === 'declined' ? ('declined' as const) : null
	};
};

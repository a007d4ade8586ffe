import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** All draws, or one campaign's (`?campaign=`), newest first. */
export const load: PageServerLoad = async (event) => {
	const campaign = event.url.searchParams.get('campaign');
	const campaignId = campaign && UUID.test(campaign) ? campaign : undefined;
	const api = apiClient(event);
	const [res, campaignRes] = await Promise.all([
		api.api.v1.draws.$get({ query: campaignId ? { campaignId } : {} }),
		campaignId ? api.api.v1.campaigns[':id'].$get({ param: { id: campaignId } }) : null
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	if (campaignRes && !campaignRes.ok) return throwFromApi(campaignRes, event.url);
	const list = await res.json();
	const c = campaignRes ? await campaignRes.json() : null;
	return {
		...list,
		campaign: c
			? { id: c.id, name: c.name, running: c.status === 'approved' || c.status === 'active' }
			: null
	};
};

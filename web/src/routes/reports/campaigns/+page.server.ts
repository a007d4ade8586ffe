import { apiClient, readProblem, throwFromApi } from '#lib/server/api.ts';
import { isUuid } from '#lib/surprises/labels.ts';
import type { PageServerLoad } from './$types';

/** Campaign results side by side: the campaigns ticked in the form (`ids`, two to four). */
export const load: PageServerLoad = async (event) => {
	const ids = [...new Set(event.url.searchParams.getAll('ids').filter(isUuid))];
	const api = apiClient(event);
	const [listRes, resultsRes] = await Promise.all([
		api.api.v1.campaigns.$get({ query: { limit: '200' } }),
		ids.length >= 1 && ids.length <= 4
			? api.api.v1.reports.campaigns.$get({ query: { ids: ids.join(',') } })
			: null
	]);
	if (!listRes.ok) return throwFromApi(listRes, event.url);
	const campaigns = (await listRes.json()).items.map((c) => ({ id: c.id, name: c.name }));
	if (resultsRes && !resultsRes.ok) {
		if ((resultsRes.status as number) === 401) return throwFromApi(resultsRes, event.url);
		return { campaigns, ids, results: null, problem: await readProblem(resultsRes) };
	}
	return {
		campaigns,
		ids,
		results: resultsRes ? await resultsRes.json() : null,
		problem: ids.length > 4 ? { detail: '' } : null
	};
};

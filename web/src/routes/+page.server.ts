import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const NEWEST_REACTIONS = '5';

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const [res, reactionsRes] = await Promise.all([
		api.api.v1.dashboard.$get(),
		api.api.v1.reactions.dashboard.$get()
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	// The reaction figures are a part of the dashboard: without them the rest still shows.
	const reactions = reactionsRes.ok ? await reactionsRes.json() : null;
	let newest = null;
	if (reactions) {
		const list = await api.api.v1.reactions.$get({
			query: { from: reactions.reactions.since, limit: NEWEST_REACTIONS }
		});
		newest = list.ok ? (await list.json()).items : null;
	}
	return { dashboard: await res.json(), reactions, newest };
};

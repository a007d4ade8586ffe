import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { decideSurprise } from '#lib/surprises/decide.server.ts';
import { isUuid } from '#lib/surprises/labels.ts';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const NEWEST_REACTIONS = '5';
/** Marketing decides this many from the start page; the rest wait on the filtered list. */
const DECISIONS_SHOWN = '10';

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const [res, queuesRes, reactionsRes] = await Promise.all([
		api.api.v1.dashboard.$get(),
		api.api.v1.dashboard.queues.$get(),
		api.api.v1.reactions.dashboard.$get()
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	if (!queuesRes.ok) return throwFromApi(queuesRes, event.url);
	const queues = await queuesRes.json();
	const waiting = queues.queues.find((q) => q.key === 'surprises_planned')?.count ?? 0;
	const [decisions, newest] = await Promise.all([
		waiting > 0
			? api.api.v1.surprises
					.$get({ query: { status: 'planned', limit: DECISIONS_SHOWN } })
					.then(async (r) => (r.ok ? (await r.json()).items : []))
			: Promise.resolve([]),
		newestReactions()
	]);
	// The reaction figures are a part of the dashboard: without them the rest still shows.
	async function newestReactions() {
		if (!reactionsRes.ok) return { reactions: null, items: null };
		const reactions = await reactionsRes.json();
		const list = await api.api.v1.reactions.$get({
			query: { from: reactions.reactions.since, limit: NEWEST_REACTIONS }
		});
		return { reactions, items: list.ok ? (await list.json()).items : null };
	}
	return {
		dashboard: await res.json(),
		queues: queues.queues,
		decisions: decisions.filter((s) => s.can.approve || s.can.reject),
		reactions: newest.reactions,
		newest: newest.items
	};
};

const surpriseId = async (request: Request) => {
	const id = (await request.clone().formData()).get('id');
	if (typeof id !== 'string' || !isUuid(id)) error(400, 'id');
	return id;
};

export const actions: Actions = {
	approve: async (event) => decideSurprise(event, await surpriseId(event.request), 'approve'),
	reject: async (event) => decideSurprise(event, await surpriseId(event.request), 'reject')
};

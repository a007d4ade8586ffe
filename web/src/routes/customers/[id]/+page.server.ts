import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { loadCustomerScore } from '#lib/scores/score.server.ts';
import type { PageServerLoad } from './$types';

const NOTICES = ['created', 'found', 'saved'] as const;
type NoticeKind = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const param = { id: event.params.id };
	const [customerRes, timelineRes] = await Promise.all([
		api.api.v1.customers[':id'].$get({ param }),
		api.api.v1.customers[':id'].timeline.$get({ param })
	]);
	if (!customerRes.ok) return throwFromApi(customerRes, event.url);
	const customer = await customerRes.json();
	// The profile still shows when the timeline cannot be read; the page says so.
	const timeline = timelineRes.ok ? (await timelineRes.json()).items : null;
	const notice = event.url.searchParams.get('notice');
	// ---- Ambassador score section (scores): null when it cannot be read; the section says so. ----
	const score = await loadCustomerScore(api, customer.id);
	return {
		score,
		customer,
		timeline,
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
};

import { isOutboxStatus, type OutboxStatus } from '#lib/campaigns/labels.ts';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const status = params.get('status');
	const cursor = params.get('cursor') ?? '';
	const filters: { status: OutboxStatus | '' } = { status: isOutboxStatus(status) ? status : '' };
	const res = await apiClient(event).api.v1.outbox.$get({
		query: {
			limit: PAGE_SIZE,
			...(filters.status ? { status: filters.status } : {}),
			...(cursor ? { cursor } : {})
		}
	});
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	return { items: page.items, nextCursor: page.nextCursor, cursor, filters };
};

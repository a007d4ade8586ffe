import { isGiftKind, type GiftKind } from '#lib/campaigns/labels.ts';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const kind = params.get('kind');
	const activeParam = params.get('active');
	const cursor = params.get('cursor') ?? '';
	const filters: { kind: GiftKind | ''; active: 'true' | 'false' | '' } = {
		kind: isGiftKind(kind) ? kind : '',
		active: activeParam === 'true' || activeParam === 'false' ? activeParam : ''
	};
	const api = apiClient(event);
	const [listRes, lowRes] = await Promise.all([
		api.api.v1.gifts.$get({
			query: {
				limit: PAGE_SIZE,
				...(filters.kind ? { kind: filters.kind } : {}),
				...(filters.active ? { active: filters.active } : {}),
				...(cursor ? { cursor } : {})
			}
		}),
		api.api.v1.gifts['low-stock'].$get()
	]);
	if (!listRes.ok) return throwFromApi(listRes, event.url);
	const page = await listRes.json();
	const lowStock = lowRes.ok ? (await lowRes.json()).items : [];
	return { items: page.items, nextCursor: page.nextCursor, cursor, filters, lowStock };
};

import { isChannel, type Channel } from '#lib/labels.ts';
import { isKind, isSentiment, type ReactionKind, type Sentiment } from '#lib/scores/labels.ts';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = '50';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTICES = ['deleted', 'imported'] as const;

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const channel = params.get('channel');
	const sentiment = params.get('sentiment');
	const kind = params.get('kind');
	const customerId = params.get('customerId') ?? '';
	const cursor = params.get('cursor') ?? '';
	const filters: {
		q: string;
		channel: Channel | '';
		sentiment: Sentiment | '';
		kind: ReactionKind | '';
		customerId: string;
	} = {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		channel: isChannel(channel) ? channel : '',
		sentiment: isSentiment(sentiment) ? sentiment : '',
		kind: isKind(kind) ? kind : '',
		customerId: UUID.test(customerId) ? customerId : ''
	};
	const api = apiClient(event);
	const query = {
		limit: PAGE_SIZE,
		...(filters.q ? { q: filters.q } : {}),
		...(filters.channel ? { channel: filters.channel } : {}),
		...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
		...(filters.kind ? { kind: filters.kind } : {}),
		...(filters.customerId ? { customerId: filters.customerId } : {}),
		...(cursor ? { cursor } : {})
	};
	const [res, customerRes] = await Promise.all([
		api.api.v1.reactions.$get({ query }),
		filters.customerId
			? api.api.v1.customers[':id'].$get({ param: { id: filters.customerId } })
			: null
	]);
	if (!res.ok) return throwFromApi(res, event.url);
	const page = await res.json();
	const customer = customerRes?.ok ? await customerRes.json() : null;
	const notice = params.get('notice');
	const imported = Number(params.get('imported'));
	return {
		items: page.items,
		nextCursor: page.nextCursor,
		cursor,
		filters,
		customer: customer ? { id: customer.id, name: customer.name } : null,
		notice: NOTICES.includes(notice as (typeof NOTICES)[number])
			? (notice as (typeof NOTICES)[number])
			: null,
		imported: Number.isInteger(imported) && imported >= 0 ? imported : 0
	};
};

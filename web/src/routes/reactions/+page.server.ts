import { isChannel, type Channel } from '#lib/labels.ts';
import { isKind, isSentiment, type ReactionKind, type Sentiment } from '#lib/scores/labels.ts';
import { fail } from '@sveltejs/kit';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = '50';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTICES = ['deleted', 'imported'] as const;
/** An instant as the API writes it (the report links a period's reactions this way). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const instant = (v: string | null) => (v && INSTANT.test(v) ? v : '');

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
		from: string;
		to: string;
		starred: 'true' | '';
	} = {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		channel: isChannel(channel) ? channel : '',
		sentiment: isSentiment(sentiment) ? sentiment : '',
		kind: isKind(kind) ? kind : '',
		customerId: UUID.test(customerId) ? customerId : '',
		from: instant(params.get('from')),
		to: instant(params.get('to')),
		starred: params.get('starred') === 'true' ? 'true' : ''
	};
	const api = apiClient(event);
	const query = {
		limit: PAGE_SIZE,
		...(filters.q ? { q: filters.q } : {}),
		...(filters.channel ? { channel: filters.channel } : {}),
		...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
		...(filters.kind ? { kind: filters.kind } : {}),
		...(filters.customerId ? { customerId: filters.customerId } : {}),
		...(filters.from ? { from: filters.from } : {}),
		...(filters.to ? { to: filters.to } : {}),
		...(filters.starred ? { starred: filters.starred } : {}),
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

export const actions: Actions = {
	/** Star a reaction as a highlight for the reports, or take the star off. */
	star: async (event) => {
		const form = await readForm(event.request);
		const id = form.text('id');
		if (!UUID.test(id)) return fail(400, { detail: '' });
		const star = apiClient(event).api.v1.reactions[':id'].star;
		const res =
			form.text('starred') === 'true'
				? await star.$put({ param: { id } })
				: await star.$delete({ param: { id } });
		if (!res.ok) return failFromApi(res, event);
		return { starred: id };
	}
};

import { error, json } from '@sveltejs/kit';
import { apiClient } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The record alone, to download and re-run offline with `npm run draw:verify -- record.json`. */
export const GET: RequestHandler = async (event) => {
	const res = await apiClient(event).api.v1.draws[':id'].verification.$get({
		param: { id: event.params.id }
	});
	if (!res.ok) error(res.status === 400 ? 404 : res.status);
	const { record } = await res.json();
	return json(record, {
		headers: {
			'content-disposition': `attachment; filename="draw-${event.params.id.slice(0, 8)}.json"`,
			'cache-control': 'no-store'
		}
	});
};

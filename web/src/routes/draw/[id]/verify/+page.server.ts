import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, readProblem } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** The public verify page: the API re-runs the draw from its record and says identical or not. */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	const res = await apiClient(event).api.v1.draws[':id'].verification.$get({
		param: { id: event.params.id }
	});
	if (!res.ok) {
		const problem = await readProblem(res);
		if (problem.status === 429) error(429, { status: 429, message: m.draws_public_busy() });
		error(problem.status === 400 ? 404 : problem.status, {
			status: problem.status === 400 ? 404 : problem.status,
			message: m.draws_public_not_found()
		});
	}
	return { v: await res.json() };
};

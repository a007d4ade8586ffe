import { redirect } from '@sveltejs/kit';
import { apiClient, readProblem, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const q = (event.url.searchParams.get('q') ?? '').trim();
	if (!q) return { q, results: null, problem: null };
	const res = await apiClient(event).api.v1.search.$get({ query: { q } });
	if (res.status === 400) return { q, results: null, problem: (await readProblem(res)).detail };
	if (!res.ok) return throwFromApi(res, event.url);
	const results = await res.json();
	// A reference names one surprise: go there, as typing HOP-00116 means.
	if (results.exactSurpriseId) redirect(303, `/surprises/${results.exactSurpriseId}`);
	return { q, results, problem: null };
};

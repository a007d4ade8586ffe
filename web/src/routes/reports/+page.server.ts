import { apiClient, readProblem, throwFromApi } from '#lib/server/api.ts';
import { periodQuery, recentQuarters } from '#lib/reports/periods.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const query = periodQuery(event.url.searchParams);
	const res = await apiClient(event).api.v1.reports.overview.$get({ query });
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
		new Date()
	);
	const quarters = recentQuarters(today);
	// A period typed by hand that the API refuses: the form shows why, the page stays.
	if ((res.status as number) === 400) {
		const problem = await readProblem(res);
		return { overview: null, problem, query, quarters };
	}
	if (!res.ok) return throwFromApi(res, event.url);
	return { overview: await res.json(), problem: null, query, quarters };
};

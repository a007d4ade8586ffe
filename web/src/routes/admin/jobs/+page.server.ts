import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.jobs.failures.$get();
	// Not an admin: the page explains instead of failing (the menu does not show it anyway).
	if (res.status === 403) return { forbidden: true as const, failures: [] };
	if (!res.ok) return throwFromApi(res, event.url);
	return { forbidden: false as const, failures: (await res.json()).items };
};

import type { RequestEvent } from '@sveltejs/kit';
import { apiClient, throwFromApi } from '#lib/server/api.ts';

/** The company's brand for a customer's page (public: no login needed). */
export async function loadBrand(event: RequestEvent) {
	const res = await apiClient(event).api.v1.brand.$get();
	if (!res.ok) return throwFromApi(res, event.url);
	return res.json();
}

import { apiClient, throwFromApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const res = await apiClient(event).api.v1.dashboard.$get();
  if (!res.ok) return throwFromApi(res, event.url);
  return { dashboard: await res.json() };
};

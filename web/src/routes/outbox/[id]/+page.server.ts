import { redirect } from '@sveltejs/kit';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.outbox[':id'].$get({ param: { id: event.params.id } });
	if (!res.ok) return throwFromApi(res, event.url);
	const { html: _html, ...message } = await res.json();
	// The HTML itself is not sent to the page: the sandboxed iframe loads it from ./html.
	return { message, retried: event.url.searchParams.get('notice') === 'retried' };
};

export const actions: Actions = {
	/** Admin: queue a failed message again. */
	retry: async (event) => {
		const res = await apiClient(event).api.v1.outbox[':id'].retry.$post({
			param: { id: event.params.id }
		});
		if (!res.ok) return failFromApi(res, event);
		redirect(303, `/outbox/${event.params.id}?notice=retried`);
	}
};

import { apiClient, failFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	password: async (event) => {
		const form = await readForm(event.request);
		const res = await apiClient(event).api.v1.auth.password.$put({
			json: {
				currentPassword: form.text('currentPassword', { trim: false }),
				newPassword: form.text('newPassword', { trim: false })
			}
		});
		if (!res.ok) return failFromApi(res, event);
		return { changed: true as const };
	}
};

import { fail } from '@sveltejs/kit';
import { apiClient, fieldErrors, readProblem } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

/** Opening the page never uses the link up (mail scanners open links first). */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
	const res = await apiClient(event).api.v1.auth['password-resets'][':token'].$get({
		param: { token: event.params.token }
	});
	return { reset: res.ok ? await res.json() : null };
};

export const actions: Actions = {
	default: async (event) => {
		const password = (await readForm(event.request)).text('password', { trim: false });
		const res = await apiClient(event).api.v1.auth['password-resets'][':token'].$post({
			param: { token: event.params.token },
			json: { password }
		});
		if (res.ok) return { done: true as const };
		const problem = await readProblem(res);
		if (problem.status === 404) return fail(404, { gone: true as const });
		return fail(problem.status, { detail: problem.detail, errors: fieldErrors(problem.errors) });
	}
};

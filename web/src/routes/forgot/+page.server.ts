import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, fieldErrors, readProblem } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const email = (await readForm(event.request)).text('email');
		if (!email) return fail(400, { errors: { email: m.login_email_required() }, email });
		const res = await apiClient(event).api.v1.auth['forgot-password'].$post({ json: { email } });
		if (res.ok) return { sent: true as const };
		const problem = await readProblem(res);
		if (problem.status === 429) {
			const minutes = Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 900) / 60));
			return fail(429, {
				detail: m.login_too_many({ count: minutes, n: String(minutes) }),
				errors: {} as Record<string, string>,
				email
			});
		}
		return fail(problem.status, {
			detail: problem.detail,
			errors: fieldErrors(problem.errors),
			email
		});
	}
};

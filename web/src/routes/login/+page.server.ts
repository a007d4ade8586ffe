import { fail, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import {
	apiClient,
	fieldErrors,
	readProblem,
	safeNext,
	type FormFailure
} from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ next: safeNext(url.searchParams.get('next')) });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = form.text('email');
		const password = form.text('password', { trim: false });
		const next = safeNext(form.text('next', { trim: false }));
		const values = { email };

		if (!email || !password) {
			const errors: Record<string, string> = {};
			if (!email) errors.email = m.login_email_required();
			if (!password) errors.password = m.login_password_required();
			return fail(400, { detail: m.form_check_fields(), errors, values } satisfies FormFailure & {
				values: typeof values;
			});
		}

		const res = await apiClient(event).api.v1.auth.login.$post({ json: { email, password } });
		if (!res.ok) {
			const problem = await readProblem(res);
			const minutes = Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 900) / 60));
			const detail =
				problem.status === 429
					? m.login_too_many({ count: minutes, n: String(minutes) })
					: problem.status === 401
						? m.login_wrong()
						: problem.detail;
			return fail(problem.status, {
				detail,
				errors: fieldErrors(problem.errors),
				values
			} satisfies FormFailure & { values: typeof values });
		}
		const { session } = await res.json();
		event.cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			expires: new Date(session.expiresAt)
		});
		redirect(303, next);
	}
};

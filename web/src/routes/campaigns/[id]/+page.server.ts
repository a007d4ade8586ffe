import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiClient, failFromApi, readProblem, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = [
	'created',
	'saved',
	'submitted',
	'approved',
	'rejected',
	'changes_requested',
	'not_editable'
] as const;
type NoticeKind = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.campaigns[':id'].$get({
		param: { id: event.params.id }
	});
	if (!res.ok) return throwFromApi(res, event.url);
	const notice = event.url.searchParams.get('notice');
	return {
		campaign: await res.json(),
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
};

type Decision = 'approve' | 'reject' | 'request_changes';
const NOTICE_FOR: Record<Decision, NoticeKind> = {
	approve: 'approved',
	reject: 'rejected',
	request_changes: 'changes_requested'
};

/**
 * One decision by marketing, with its comment. The API refuses the campaign's creator (separation of
 * duties, 403) and a missing comment on reject / request changes (400); the page shows why beside
 * the form that was used, with the comment kept.
 */
async function decide(event: RequestEvent<{ id: string }>, decision: Decision) {
	const comment = (await readForm(event.request)).text('comment', { trim: false });
	const res = await apiClient(event).api.v1.campaigns[':id'].decisions.$post({
		param: { id: event.params.id },
		json: { decision, comment }
	});
	if (!res.ok) {
		const problem = await readProblem(res);
		if (problem.status === 403 || problem.status === 409) {
			// Not a field to fix: who may decide, or what state the campaign is in. The API's own words.
			return fail(problem.status, {
				action: decision,
				detail: problem.detail,
				errors: {} as Record<string, string>,
				comment
			});
		}
		return failFromApi(res, event, { action: decision, comment });
	}
	redirect(303, `/campaigns/${event.params.id}?notice=${NOTICE_FOR[decision]}`);
}

export const actions: Actions = {
	submit: async (event) => {
		const res = await apiClient(event).api.v1.campaigns[':id'].submit.$post({
			param: { id: event.params.id }
		});
		if (!res.ok) {
			const problem = await readProblem(res);
			if (problem.status === 401)
				return failFromApi(res, event, { action: 'submit' as const, comment: '' });
			return fail(problem.status, {
				action: 'submit' as const,
				detail: problem.detail,
				errors: Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message])),
				comment: ''
			});
		}
		redirect(303, `/campaigns/${event.params.id}?notice=submitted`);
	},
	approve: (event) => decide(event, 'approve'),
	reject: (event) => decide(event, 'reject'),
	requestChanges: (event) => decide(event, 'request_changes')
};

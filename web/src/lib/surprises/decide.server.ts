import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';

export type Decision = 'approve' | 'reject';

/**
 * Marketing's decision on a planned surprise, for the form actions of the surprise page and the
 * dashboard's queue: approve with an optional comment, reject with a required one. The result names
 * the surprise (id and reference), so a page with many forms shows the answer beside the right one,
 * or names it once the decided surprise has left the list.
 */
export async function decideSurprise(event: RequestEvent, id: string, decision: Decision) {
	const form = await readForm(event.request);
	const comment = form.text('comment', { trim: false });
	if (decision === 'reject' && !comment.trim())
		return fail(400, {
			action: decision,
			id,
			detail: m.form_check_fields(),
			errors: { comment: m.workflow_reject_need_reason() } as Record<string, string>
		});
	const call = apiClient(event).api.v1.surprises[':id'][decision].$post;
	const res = await call({ param: { id }, json: { comment } });
	if (!res.ok) return failFromApi(res, event, { action: decision, id });
	const { reference } = await res.json();
	return { action: decision, id, reference, done: true as const };
}

import { json } from '@sveltejs/kit';
import { apiClient, readProblem } from '#lib/server/api.ts';
import { isUuid } from '#lib/surprises/labels.ts';
import type { RequestHandler } from './$types';

/**
 * The card-message checks for the editor while the hub'er types: the browser posts here, this
 * endpoint asks the API (the session stays in its httpOnly cookie). Read-only; warnings, never blocks.
 */
export const POST: RequestHandler = async (event) => {
	let body: Record<string, unknown>;
	try {
		body = (await event.request.json()) as Record<string, unknown>;
	} catch {
		return json({ warnings: [], failed: true }, { status: 400 });
	}
	const message = typeof body.message === 'string' ? body.message : '';
	const res = await apiClient(event).api.v1['card-checks'].$post({
		json: {
			message,
			...(isUuid(body.surpriseId) ? { surpriseId: body.surpriseId } : {}),
			...(isUuid(body.customerId) ? { customerId: body.customerId } : {}),
			// The API knows the card designs (templates/cards/) and refuses an unknown one.
			...(typeof body.cardTemplate === 'string' && body.cardTemplate
				? { cardTemplate: body.cardTemplate }
				: {})
		}
	});
	if (!res.ok) {
		const problem = await readProblem(res);
		return json({ warnings: [], failed: true }, { status: problem.status });
	}
	return json({ warnings: (await res.json()).warnings, failed: false });
};

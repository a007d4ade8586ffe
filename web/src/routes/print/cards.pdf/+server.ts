import { apiClient } from '#lib/server/api.ts';
import { pdfFrom, requireSource, surprisesOfJob } from '#lib/printing/pdf-response.server.ts';
import { isUuid, readPrintForm } from '#lib/printing/print-form.ts';
import { readForm } from '#lib/server/form.ts';
import type { RequestHandler } from './$types';

/**
 * The cards PDF. With `job` (the labels job just printed) the cards are those of that job, in the
 * same order, so every card pairs with its label even though the labels already moved the
 * surprises to printed; without it, the form's campaign or selection.
 */
export const POST: RequestHandler = async (event) => {
	const form = await readForm(event.request);
	const choice = readPrintForm(form);
	const api = apiClient(event);
	const job = form.text('job');
	const source = isUuid(job)
		? { surpriseIds: (await surprisesOfJob(api, job, event.url)).surpriseIds }
		: requireSource(choice.source);
	const res = await api.api.v1.print.cards.$post({
		json: { ...source, templateId: choice.cardTemplate }
	});
	return pdfFrom(res, event.url);
};

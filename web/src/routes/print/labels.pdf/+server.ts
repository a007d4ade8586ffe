import { apiClient } from '#lib/server/api.ts';
import { pdfFrom, requireSource } from '#lib/printing/pdf-response.server.ts';
import { readPrintForm } from '#lib/printing/print-form.ts';
import { readForm } from '#lib/server/form.ts';
import type { RequestHandler } from './$types';

/**
 * The labels PDF of the print form: a campaign's ready surprises or a selection, from label N of
 * a used sheet. The ready surprises move to printed (the API does that, and records the job).
 */
export const POST: RequestHandler = async (event) => {
	const choice = readPrintForm(await readForm(event.request));
	const source = requireSource(choice.source);
	const res = await apiClient(event).api.v1.print.labels.$post({
		json: { ...source, templateId: choice.labelTemplate, startPosition: choice.start }
	});
	return pdfFrom(res, event.url);
};

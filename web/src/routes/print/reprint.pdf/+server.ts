import { error } from '@sveltejs/kit';
import { apiClient } from '#lib/server/api.ts';
import { pdfFrom, surprisesOfJob } from '#lib/printing/pdf-response.server.ts';
import { isUuid } from '#lib/printing/print-form.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/form.ts';
import type { RequestHandler } from './$types';

/**
 * Prints an earlier job again (a jammed printer, a smudged sheet): the same kind and template,
 * labels from position `start` of a used sheet; recorded as a reprint, nothing moves twice.
 * With `kind=cards` on a labels job (or the other way round) the other half of the batch is
 * printed for that job's surprises, in the same order: a print of its own, not a reprint.
 */
export const POST: RequestHandler = async (event) => {
	const form = await readForm(event.request);
	const jobId = form.text('job');
	if (!isUuid(jobId)) error(400, { status: 400, message: m.print_error_no_job() });
	const api = apiClient(event);
	const job = await surprisesOfJob(api, jobId, event.url);
	const asked = form.text('kind');
	const kind = asked === 'cards' || asked === 'labels' ? asked : job.kind;
	const chosen = form.text('template');
	const start = form.number('start') ?? 1;
	const startPosition = Number.isInteger(start) && start >= 1 ? start : 1;
	const source =
		kind === job.kind
			? { reprintJobId: jobId, templateId: chosen || job.template }
			: { surpriseIds: job.surpriseIds, templateId: chosen };
	const res =
		kind === 'labels'
			? await api.api.v1.print.labels.$post({ json: { ...source, startPosition } })
			: await api.api.v1.print.cards.$post({ json: source });
	return pdfFrom(res, event.url);
};

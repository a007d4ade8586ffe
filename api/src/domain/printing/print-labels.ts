import { PRINTERS } from './access.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { collectBatch, type PrintBatch } from './collect-batch.ts';
import { findLabelTemplate, renderLabels, type Flag } from './engine.ts';
import { buildLabels } from './label-data.ts';
import { toPrintJobViews, type PrintJobView } from './print-job-view.ts';
import { recordPrintJob } from './record-print-job.ts';
import { PrintLabelsInput } from './schemas.ts';
import { msg } from '../../messages/index.ts';

export type OnProgress = (done: number, total: number) => void;

export interface PrintOptions {
	/** Where the label's QR code points (PUBLIC_ORIGIN or the request's origin). */
	origin: string;
	onProgress?: OnProgress;
}

export interface PrintResult {
	job: PrintJobView;
	pdf: Uint8Array;
	flags: Flag[];
}

/** The label batch before anything is written: template, surprises (locked), their label data (addresses read, audited). */
export async function prepareLabels(
	ctx: Ctx,
	data: PrintLabelsInput,
	options: { origin: string; reason: string }
) {
	// A bad template or position is a 400 before anything is locked or read; a reprint's own template is checked once known.
	if (data.templateId !== undefined) await findLabelTemplate(data.templateId, data.startPosition);
	const batch = await collectBatch(ctx, 'labels', data);
	if (data.templateId === undefined) await findLabelTemplate(batch.templateId, data.startPosition);
	const labels = await buildLabels(ctx, batch.surprises, {
		origin: options.origin,
		reason: options.reason
	});
	return { batch, labels };
}

/**
 * Prints shipping labels for a selection, a campaign's ready surprises, or an earlier job (reprint)
 * as one PDF. Records the print job, and moves each `ready` surprise to `printed` through the
 * lifecycle (event + audit row each); surprises printed before stay `printed` (a reprint moves
 * nothing). Labels are what move a surprise: a cards-only print moves nothing (printCards).
 * Rendering happens inside the transaction, so a failed render leaves no job and no moves.
 */
export async function printLabels({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: PrintOptions;
}): Promise<PrintResult> {
	requireRole(ctx, ...PRINTERS);
	const data = PrintLabelsInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const { batch, labels } = await prepareLabels(ctx, data, {
			origin: options.origin,
			reason: data.reprintJobId ? 'label reprint' : 'print'
		});
		const rendered = await renderLabels({
			templateId: batch.templateId,
			labels,
			startPosition: data.startPosition,
			onProgress: options.onProgress
		});
		const job = await recordPrintJob(ctx, {
			kind: 'labels',
			batch,
			startPosition: data.startPosition,
			pages: rendered.pages,
			flags: rendered.flags
		});
		await markPrinted(ctx, batch, job.id);
		const [view] = await toPrintJobViews(ctx, [job]);
		return { job: view!, pdf: rendered.pdf, flags: rendered.flags };
	});
}

async function markPrinted(ctx: Ctx, batch: PrintBatch, printJobId: string): Promise<void> {
	for (const s of batch.surprises) {
		if (s.status !== 'ready') continue;
		await moveSurprise(ctx, await lockSurprise(ctx, s.id), 'printed', {
			note: msg('history_label_printed', { template: batch.templateId }),
			auditData: { printJobId }
		});
	}
}

import type { Logo } from '../../../../templates/render/index.ts';
import { printableBrandLogo } from '../brand/brand.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { buildCards } from './card-data.ts';
import { cardCodes } from '../vouchers/card-codes.ts';
import { collectBatch } from './collect-batch.ts';
import { findTemplate, renderCards } from './engine.ts';
import { PRINTERS } from './access.ts';
import type { PrintOptions, PrintResult } from './print-labels.ts';
import { toPrintJobViews } from './print-job-view.ts';
import { recordPrintJob } from './record-print-job.ts';
import { PrintCardsInput } from './schemas.ts';

/**
 * The card batch before anything is written: template, surprises (locked), their card data. Codes
 * whose channel is the card print in full only on a real print (audited); a preview masks them.
 */
export async function prepareCards(
	ctx: Ctx,
	data: PrintCardsInput,
	options: { codes: 'print' | 'mask' } = { codes: 'print' }
) {
	if (data.templateId !== undefined) await findTemplate('cards', data.templateId);
	const batch = await collectBatch(ctx, 'cards', data);
	if (data.templateId === undefined) await findTemplate('cards', batch.templateId);
	// The company's logo, never ours: none when it has none the renderer can draw.
	const logo: Logo | false = data.logo ? ((await printableBrandLogo(ctx)) ?? false) : false;
	const codes = await cardCodes(
		ctx,
		batch.surprises.map((s) => s.id),
		options.codes
	);
	return { batch, cards: buildCards(batch.surprises, codes), logo };
}

/**
 * Prints the cards of a selection, a campaign's ready surprises, or an earlier job as one PDF, in
 * the same order as their labels (by reference). Records the print job; moves no surprise — the
 * label print does that, so printing cards first (or again) never marks a parcel as ready to go.
 * No address is read: a card carries only the recipient's first name.
 */
export async function printCards({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: Pick<PrintOptions, 'onProgress'>;
}): Promise<PrintResult> {
	requireRole(ctx, ...PRINTERS);
	const data = PrintCardsInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const { batch, cards, logo } = await prepareCards(ctx, data);
		const rendered = await renderCards({
			templateId: batch.templateId,
			cards,
			logo,
			onProgress: options.onProgress
		});
		const job = await recordPrintJob(ctx, {
			kind: 'cards',
			batch,
			startPosition: 1,
			pages: rendered.pages,
			flags: rendered.flags
		});
		const [view] = await toPrintJobViews(ctx, [job]);
		return { job: view!, pdf: rendered.pdf, flags: rendered.flags };
	});
}

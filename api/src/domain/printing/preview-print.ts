import { PDFDocument } from 'pdf-lib';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { renderCards, renderLabels } from './engine.ts';
import { prepareCards } from './print-cards.ts';
import { PRINTERS } from './access.ts';
import { prepareLabels } from './print-labels.ts';
import { PreviewPrintInput } from './schemas.ts';

/**
 * What a print would give, without printing: the whole batch is rendered (so every flag of every
 * surprise shows before paper is spent), but only its first page comes back, as a one-page PDF the
 * browser shows itself (no server-side rasteriser: pdftoppm is no runtime dependency). No job is
 * recorded and no surprise moves; the address reads for labels are audited as `print preview`.
 */
export async function previewPrint({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: { origin: string };
}) {
	requireRole(ctx, ...PRINTERS);
	const data = PreviewPrintInput.parse(input);
	const { batch, rendered } = await inTransaction(ctx, async (ctx) => {
		if (data.kind === 'labels') {
			const { batch, labels } = await prepareLabels(ctx, data, {
				origin: options.origin,
				reason: 'print preview'
			});
			return {
				batch,
				rendered: await renderLabels({
					templateId: batch.templateId,
					labels,
					startPosition: data.startPosition
				})
			};
		}
		const { batch, cards, logo } = await prepareCards(ctx, data, { codes: 'mask' });
		return {
			batch,
			rendered: await renderCards({ templateId: batch.templateId, cards, logo })
		};
	});
	return {
		kind: data.kind,
		templateId: batch.templateId,
		surprises: batch.surprises.map((s) => ({ id: s.id, reference: s.reference, status: s.status })),
		pages: rendered.pages,
		flags: rendered.flags,
		firstPage: {
			contentType: 'application/pdf' as const,
			base64: Buffer.from(await firstPageOf(rendered.pdf)).toString('base64')
		}
	};
}

/** Page 1 of a PDF as a PDF of its own. */
async function firstPageOf(pdf: Uint8Array): Promise<Uint8Array> {
	const source = await PDFDocument.load(pdf, { updateMetadata: false });
	if (source.getPageCount() <= 1) return pdf;
	const single = await PDFDocument.create({ updateMetadata: false });
	const [page] = await single.copyPages(source, [0]);
	single.addPage(page!);
	return single.save();
}

/**
 * Labels: one hand-built content stream per page; per label a transform into its cell, the return
 * address, the postage line, the recipient block, a Code 128 of the reference (or a QR code of
 * qrUrl) and the reference in text. The app and the benchmark both come through here.
 */
import { PDFDocument } from './pdf-lib.ts';
import { drawBlock, pageAppender, strokeRect, u, useFastDeflate, type TextBox } from './content.ts';
import { drawCode128, drawQr } from './codes.ts';
import { FlagList, RenderInputError, type Flag, type FlagPart } from './errors.ts';
import { embedFonts, sharedFontkit, type DocFont } from './fonts.ts';
import { cellRect, labelFrame, templates } from './load-templates.ts';
import type { Box, LabelTemplate, TextStyle } from './schema.ts';
import { cleanText, fitText, type Paragraph, type Report } from './text.ts';

export interface LabelData {
	reference: string;
	/** Recipient block, already formatted (see formatAddress). */
	lines: string[];
	qrUrl?: string;
	postage?: string;
	returnAddress?: string[];
}

export interface RenderLabelsInput {
	templateId: string;
	labels: LabelData[];
	/** 1-based cell on the first sheet (labels before it were used already). */
	startPosition?: number;
	onProgress?: (done: number, total: number) => void;
}

export interface RenderResult {
	pdf: Uint8Array;
	pages: number;
	flags: Flag[];
}

/** Pages between two breaks for the event loop (keeps a server responsive during a big batch). */
const YIELD_EVERY_PAGES = 40;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface PlacedText {
	box: TextBox;
	style: TextStyle;
	stack: DocFont[];
}

const splitLines = (lines: string[]) =>
	lines.some((l) => /[\r\n]/.test(l)) ? lines.flatMap((l) => l.split(/\r\n|\r|\n/)) : lines;

export async function newDocument(): Promise<PDFDocument> {
	const doc = await PDFDocument.create({ updateMetadata: false });
	doc.registerFontkit(sharedFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
	doc.setProducer('Hoppatee');
	useFastDeflate(doc);
	return doc;
}

export async function saveDocument(doc: PDFDocument): Promise<Uint8Array> {
	return doc.save({
		useObjectStreams: false,
		addDefaultPage: false,
		objectsPerTick: 2000,
		updateFieldAppearances: false
	});
}

function labelTemplate(templateId: string): LabelTemplate {
	const t = templates().labels.get(templateId);
	if (!t)
		throw new RenderInputError(
			'templateId',
			`Unknown label template "${templateId}".`,
			'unknown_label_template',
			{ template: templateId }
		);
	return t;
}

export async function renderLabels(input: RenderLabelsInput): Promise<RenderResult> {
	const t = labelTemplate(input.templateId);
	const perSheet = t.grid.columns * t.grid.rows;
	const start = input.startPosition ?? 1;
	if (!Number.isInteger(start) || start < 1 || start > perSheet) {
		throw new RenderInputError(
			'startPosition',
			`Start position must be 1 to ${perSheet} on ${t.name}.`,
			'start_position',
			{ positions: perSheet, template: t.name }
		);
	}
	if (input.labels.length === 0)
		throw new RenderInputError('labels', 'Nothing to print.', 'nothing_to_print');

	const doc = await newDocument();
	const { layout } = t;
	const styles = [
		layout.recipient.style,
		layout.returnAddress?.style,
		layout.reference?.style,
		layout.postage?.style
	].filter((s) => s !== undefined);
	const fonts = await embedFonts(doc, [
		...(layout.recipient.firstLineFonts ?? []),
		...styles.flatMap((s) => s.fonts)
	]);
	const stack = (ids: string[]) => ids.map((id) => fonts.get(id)!);

	const frame = labelFrame(t);
	const frameH = u(frame.height);
	const textBox = (b: Box): TextBox => ({
		x: u(b.x),
		top: u(b.y),
		width: u(b.width),
		height: u(b.height)
	});
	const rect = (b: Box) => ({
		x: u(b.x),
		y: frameH - u(b.y + b.height),
		width: u(b.width),
		height: u(b.height)
	});
	const placed = (el: { box: Box; style: TextStyle } | undefined): PlacedText | undefined =>
		el && { box: textBox(el.box), style: el.style, stack: stack(el.style.fonts) };

	const recipient = placed(layout.recipient)!;
	const recipientQrBox = layout.recipient.boxWithQr
		? textBox(layout.recipient.boxWithQr)
		: recipient.box;
	const firstLineStack = layout.recipient.firstLineFonts
		? stack(layout.recipient.firstLineFonts)
		: recipient.stack;
	const returnAddress = placed(layout.returnAddress);
	const reference = placed(layout.reference);
	const postage = placed(layout.postage);
	const barcodeBox = layout.barcode && rect(layout.barcode.box);
	const qrBox = layout.qr && rect(layout.qr.box);

	// The transform from the label as read into each cell of the page.
	const pageH = u(t.page.height);
	const cellOps = Array.from({ length: perSheet }, (_, i) => {
		const c = cellRect(t, t.label, i);
		const x = u(c.x);
		const y = pageH - u(c.y + c.height);
		if (t.rotation === 0) return `q 1 0 0 1 ${x} ${y} cm\n`;
		if (t.rotation === 90) return `q 0 1 -1 0 ${x + u(c.width)} ${y} cm\n`;
		return `q 0 -1 1 0 ${x} ${y + u(c.height)} cm\n`;
	});

	const flags = new FlagList();
	const text = (
		p: PlacedText,
		paragraphs: Paragraph[],
		box: TextBox,
		report: Report,
		part: FlagPart,
		ref: string
	): string => {
		if (paragraphs.length === 0) return '';
		const s = p.style;
		const block = fitText(paragraphs, box.width / 100, box.height / 100, s, {
			wrap: false,
			report
		});
		if (block.overflow)
			flags.add(
				ref,
				'overflow',
				{ code: 'does_not_fit', params: { part } },
				`the ${part.replace('_', ' ')} does not fit on the label; shortened`
			);
		return drawBlock(block, box, frameH, s.align, s.valign, s.color);
	};

	const drawLabel = (label: LabelData): string => {
		const ref = label.reference;
		const report: Report = (problem, detail) =>
			flags.add(ref, 'unprintable_glyph', problem, detail);
		const clean = (s: string) => cleanText(s, report);
		let out = '';
		if (returnAddress && label.returnAddress?.length) {
			const lines = splitLines(label.returnAddress)
				.map(clean)
				.filter((l) => l.trim());
			// Joined into one run, it may wrap only between the address lines (no-break spaces inside
			// them): "…, Postbus 1234," / "1000 AB  AMSTERDAM", never "1000" / "AB AMSTERDAM".
			const joinWith = layout.returnAddress!.joinWith;
			const runs =
				joinWith !== undefined
					? [lines.map((l) => l.replace(/ /g, '\u00A0')).join(joinWith)]
					: lines;
			const paragraphs = runs.map((l) => ({ text: l, stack: returnAddress.stack }));
			out += text(returnAddress, paragraphs, returnAddress.box, report, 'return_address', ref);
		}
		if (postage && label.postage) {
			const b = postage.box;
			const pad = u(0.8);
			if (layout.postage!.frame)
				out += strokeRect(b.x, frameH - b.top - b.height, b.width, b.height, 0.5);
			const inner = {
				x: b.x + pad,
				top: b.top + pad,
				width: b.width - 2 * pad,
				height: b.height - 2 * pad
			};
			const paragraphs = splitLines([label.postage]).map((l) => ({
				text: clean(l),
				stack: postage.stack
			}));
			out += text(postage, paragraphs, inner, report, 'postage', ref);
		}
		const useQr = !!(label.qrUrl && qrBox);
		const paragraphs: Paragraph[] = [];
		for (const line of splitLines(label.lines)) {
			const cleaned = clean(line);
			if (cleaned.trim())
				paragraphs.push({
					text: cleaned,
					stack: paragraphs.length === 0 ? firstLineStack : recipient.stack
				});
		}
		out += text(
			recipient,
			paragraphs,
			useQr ? recipientQrBox : recipient.box,
			report,
			'address',
			ref
		);
		if (useQr) {
			out += drawQr(label.qrUrl!, qrBox!);
		} else if (barcodeBox) {
			const bars = drawCode128(
				ref,
				barcodeBox,
				u(layout.barcode!.module),
				u(layout.barcode!.minModule)
			);
			if (!bars)
				flags.add(
					ref,
					'unprintable_glyph',
					{ code: 'barcode_unencodable', params: { reference: ref } },
					`the barcode cannot carry "${ref}" (Code 128 takes printable ASCII only); no barcode printed`
				);
			else {
				if (bars.tooSmall)
					flags.add(
						ref,
						'overflow',
						{
							code: 'barcode_too_small',
							params: { reference: ref, minModule: layout.barcode!.minModule }
						},
						`the barcode of "${ref}" is too long for the label; its bars are narrower than ${layout.barcode!.minModule} mm and may not scan`
					);
				out += bars.ops;
			}
		}
		if (reference)
			out += text(
				reference,
				[{ text: clean(ref), stack: reference.stack }],
				reference.box,
				report,
				'reference',
				ref
			);
		return out;
	};

	const total = input.labels.length;
	let cell = start - 1;
	let content = '';
	let pages = 0;
	let done = 0;
	const appendPage = pageAppender(doc, t.page.width, t.page.height, fonts.values());
	const flush = async () => {
		appendPage(content);
		content = '';
		pages++;
		input.onProgress?.(done, total);
		if (pages % YIELD_EVERY_PAGES === 0) await yieldToEventLoop();
	};
	for (const label of input.labels) {
		content += cellOps[cell] + drawLabel(label) + 'Q\n';
		done++;
		if (++cell === perSheet) {
			cell = 0;
			await flush();
		}
	}
	if (content) await flush();
	const pdf = await saveDocument(doc);
	return { pdf, pages, flags: flags.flags };
}

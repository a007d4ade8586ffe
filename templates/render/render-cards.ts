/**
 * Cards: logo, recipient, the message in the handwriting font (falling back to the sans for
 * characters it lacks), the signature and the reference; one page per side per sheet.
 */
import { drawBlock, pageAppender, line, u, type TextBox } from './content.ts';
import { FlagList, RenderInputError, type FlagPart } from './errors.ts';
import { embedFonts } from './fonts.ts';
import { cellRect, templates } from './load-templates.ts';
import { drawLogo, logoFonts, type Logo } from './logo.ts';
import { newDocument, saveDocument, yieldToEventLoop, type RenderResult } from './render-labels.ts';
import type { CardTemplate } from './schema.ts';
import { cleanText, fitText, type Report } from './text.ts';

export interface CardData {
	reference: string;
	message: string;
	signature: string;
	recipientName?: string;
	/** A voucher code (and PIN) whose channel is the card; printed only where the template has the field. */
	voucherCode?: string;
}

export interface RenderCardsInput {
	templateId: string;
	cards: CardData[];
	/** Print the logo (default true: templates/assets/logo.svg, or the one given); off for pre-printed card stock. */
	logo?: boolean | Logo;
	onProgress?: (done: number, total: number) => void;
}

function cardTemplate(templateId: string): CardTemplate {
	const t = templates().cards.get(templateId);
	if (!t)
		throw new RenderInputError(
			'templateId',
			`Unknown card template "${templateId}".`,
			'unknown_card_template',
			{ template: templateId }
		);
	return t;
}

const FIELD_PARTS = {
	message: 'message',
	signature: 'signature',
	recipientName: 'name',
	reference: 'reference',
	voucherCode: 'voucher_code'
} as const satisfies Record<string, FlagPart>;

/** Crop marks in the sheet margins at every cut line, never over a card. */
function cropMarks(t: CardTemplate): string {
	const marks = t.cropMarks;
	if (!marks) return '';
	const { grid } = t;
	const xs = new Set<number>();
	const ys = new Set<number>();
	for (let c = 0; c < grid.columns; c++)
		[grid.left + c * grid.pitchX, grid.left + c * grid.pitchX + t.card.width].forEach((x) =>
			xs.add(Math.round(x * 1000) / 1000)
		);
	for (let r = 0; r < grid.rows; r++)
		[grid.top + r * grid.pitchY, grid.top + r * grid.pitchY + t.card.height].forEach((y) =>
			ys.add(Math.round(y * 1000) / 1000)
		);
	const top = grid.top;
	const bottom = grid.top + (grid.rows - 1) * grid.pitchY + t.card.height;
	const left = grid.left;
	const right = grid.left + (grid.columns - 1) * grid.pitchX + t.card.width;
	const H = t.page.height;
	let out = '';
	const mark = (x1: number, y1: number, x2: number, y2: number) =>
		(out += line(u(x1), u(H - y1), u(x2), u(H - y2), marks.width, '#000000'));
	for (const x of xs) {
		mark(x, top - marks.offset - marks.length, x, top - marks.offset);
		mark(x, bottom + marks.offset, x, bottom + marks.offset + marks.length);
	}
	for (const y of ys) {
		mark(left - marks.offset - marks.length, y, left - marks.offset, y);
		mark(right + marks.offset, y, right + marks.offset + marks.length, y);
	}
	return out;
}

export async function renderCards(input: RenderCardsInput): Promise<RenderResult> {
	const t = cardTemplate(input.templateId);
	if (input.cards.length === 0)
		throw new RenderInputError('cards', 'Nothing to print.', 'nothing_to_print');
	const withLogo = input.logo !== false;
	const art = typeof input.logo === 'object' ? input.logo : undefined;
	const elements = t.sides.flatMap((s) => s.elements);
	const hasLogo = withLogo && elements.some((e) => e.type === 'logo');
	const doc = await newDocument();
	const fonts = await embedFonts(doc, [
		...elements.flatMap((e) => ('style' in e ? e.style.fonts : [])),
		...(hasLogo ? logoFonts(art) : [])
	]);
	const stack = (ids: string[]) => ids.map((id) => fonts.get(id)!);
	const frameH = u(t.card.height);
	const pageH = u(t.page.height);
	const perSheet = t.grid.columns * t.grid.rows;
	const flags = new FlagList();
	const marks = cropMarks(t);

	const drawSide = (side: CardTemplate['sides'][number], card: CardData): string => {
		const report: Report = (problem, detail) =>
			flags.add(card.reference, 'unprintable_glyph', problem, detail);
		let out = '';
		for (const el of side.elements) {
			if (el.type === 'line') {
				out += line(
					u(el.x1),
					frameH - u(el.y1),
					u(el.x2),
					frameH - u(el.y2),
					el.width,
					el.color,
					el.dash
				);
				continue;
			}
			const box: TextBox = {
				x: u(el.box.x),
				top: u(el.box.y),
				width: u(el.box.width),
				height: u(el.box.height)
			};
			if (el.type === 'logo') {
				if (withLogo)
					out += drawLogo(
						{ x: box.x, y: frameH - box.top - box.height, width: box.width, height: box.height },
						el.align,
						fonts,
						art
					);
				continue;
			}
			const raw = el.type === 'text' ? el.text : card[el.field];
			if (!raw || !raw.trim()) continue;
			const value = el.type === 'field' ? el.prefix + raw.trim() : raw;
			const paragraphs = value
				.replace(/\s+$/u, '')
				.split(/\r\n|\r|\n/)
				.map((p) => ({
					text: cleanText(p, report).replace(/ {2,}/g, ' '),
					stack: stack(el.style.fonts)
				}));
			const block = fitText(paragraphs, box.width / 100, box.height / 100, el.style, {
				wrap: true,
				report
			});
			if (block.overflow) {
				const part = el.type === 'field' ? FIELD_PARTS[el.field] : 'text';
				flags.add(
					card.reference,
					'overflow',
					{ code: 'does_not_fit', params: { part } },
					`${part === 'text' ? 'a text' : `the ${part}`} does not fit on ${t.name}; shortened`
				);
			}
			out += drawBlock(block, box, frameH, el.style.align, el.style.valign, el.style.color);
		}
		return out;
	};

	const total = input.cards.length;
	let pages = 0;
	const appendPage = pageAppender(doc, t.page.width, t.page.height, fonts.values());
	for (let first = 0; first < total; first += perSheet) {
		const sheet = input.cards.slice(first, first + perSheet);
		for (let s = 0; s < t.sides.length; s++) {
			let content = marks;
			sheet.forEach((card, i) => {
				// The back of a duplex sheet mirrors the columns (the sheet turns over its vertical axis).
				const column = i % t.grid.columns;
				const cell = s === 0 ? i : i - column + (t.grid.columns - 1 - column);
				const c = cellRect(t, t.card, cell);
				content += `q 1 0 0 1 ${u(c.x)} ${pageH - u(c.y + c.height)} cm\n${drawSide(t.sides[s]!, card)}Q\n`;
			});
			appendPage(content);
			pages++;
		}
		input.onProgress?.(Math.min(first + perSheet, total), total);
		if (pages % 20 === 0) await yieldToEventLoop();
	}
	const pdf = await saveDocument(doc);
	return { pdf, pages, flags: flags.flags };
}

/**
 * A draw certificate: one A4 document with a title, labelled facts (numbers, times, hashes) and
 * numbered lists (winners, reserves), in the project's fonts. The texts come ready in the reader's
 * language; this only lays them out, onto as many pages as the lists need.
 */
import { embedFonts } from './fonts.ts';
import { rgb } from './pdf-lib.ts';
import { newDocument, saveDocument } from './render-labels.ts';

export interface CertificateInput {
	title: string;
	subtitle: string;
	facts: { label: string; value: string; small?: boolean }[];
	lists: { title: string; items: string[] }[];
	footer: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const ACCENT = rgb(0.78, 0.24, 0.16);
const MUTED = rgb(0.35, 0.35, 0.35);

export async function renderCertificate(input: CertificateInput): Promise<Uint8Array> {
	const doc = await newDocument();
	const fonts = await embedFonts(doc, ['sans', 'sans-bold']);
	const regular = fonts.get('sans')!.pdf;
	const bold = fonts.get('sans-bold')!.pdf;
	const width = A4.width - 2 * MARGIN;
	let page = doc.addPage([A4.width, A4.height]);
	let y = A4.height - MARGIN;
	const pages = [page];

	const room = (needed: number) => {
		if (y - needed >= MARGIN + 24) return;
		page = doc.addPage([A4.width, A4.height]);
		pages.push(page);
		y = A4.height - MARGIN;
	};
	/** Breaks `text` into lines that fit `max` points (at spaces, or anywhere for a long hash). */
	const wrap = (text: string, size: number, font = regular, max = width): string[] => {
		const lines: string[] = [];
		let line = '';
		for (const word of text.split(' ')) {
			const next = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(next, size) <= max) {
				line = next;
				continue;
			}
			if (line) lines.push(line);
			line = word;
			while (font.widthOfTextAtSize(line, size) > max) {
				let cut = line.length - 1;
				while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > max) cut--;
				lines.push(line.slice(0, cut));
				line = line.slice(cut);
			}
		}
		if (line) lines.push(line);
		return lines;
	};
	const text = (s: string, size: number, options: { font?: typeof regular; x?: number } = {}) => {
		const font = options.font ?? regular;
		for (const l of wrap(s, size, font, width - (options.x ?? 0))) {
			room(size * 1.4);
			page.drawText(l, { x: MARGIN + (options.x ?? 0), y: y - size, size, font });
			y -= size * 1.4;
		}
	};

	page.drawRectangle({ x: MARGIN, y: y - 4, width, height: 4, color: ACCENT });
	y -= 28;
	text(input.title, 22, { font: bold });
	y -= 2;
	text(input.subtitle, 11);
	y -= 14;

	for (const fact of input.facts) {
		room(30);
		page.drawText(fact.label, { x: MARGIN, y: y - 9, size: 9, font: bold, color: MUTED });
		y -= 13;
		text(fact.value, fact.small ? 9.5 : 11);
		y -= 6;
	}

	for (const list of input.lists) {
		if (list.items.length === 0) continue;
		y -= 8;
		room(40);
		text(list.title, 14, { font: bold });
		y -= 2;
		// Two columns when the names are short, so fifteen winners fit on the first page.
		const columns = list.items.every((i) => regular.widthOfTextAtSize(i, 10.5) < width / 2 - 12)
			? 2
			: 1;
		const colWidth = width / columns;
		for (let i = 0; i < list.items.length; i += columns) {
			room(15);
			for (let c = 0; c < columns && i + c < list.items.length; c++) {
				page.drawText(list.items[i + c]!, {
					x: MARGIN + c * colWidth,
					y: y - 10.5,
					size: 10.5,
					font: regular
				});
			}
			y -= 15;
		}
	}

	pages.forEach((p, i) => {
		const footer = pages.length > 1 ? `${input.footer} · ${i + 1}/${pages.length}` : input.footer;
		for (const [n, l] of wrap(footer, 8).entries())
			p.drawText(l, { x: MARGIN, y: MARGIN - n * 10, size: 8, font: regular, color: MUTED });
	});
	return saveDocument(doc);
}

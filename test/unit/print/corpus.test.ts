/**
 * Hard names and messages: everything renders without throwing; what no embedded font can draw
 * (and control characters) is flagged; right-to-left text comes out in visual order.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderCards, renderLabels, type Flag } from '../../../templates/render/index.ts';
import { embedFonts, literalFromHex } from '../../../templates/render/fonts.ts';
import { shapeLine } from '../../../templates/render/text.ts';
import { pdfText, toolMissing } from './pdf-tools.ts';

const names = [
	'Zoë van der Berg',
	'Łukasz Żółć',
	'Şükrü Öztürk',
	'Işıl Kılıç', // Turkish dotless ı
	'Nguyễn Thị Minh Khai',
	'Ĳsbrand Ĳzerman',
	'محمد بن سلمان',
	'דוד בן־גוריון',
	'Mohammed محمد 12',
	'Zoe\u0308 (combining diaeresis)',
	'Emoji 😀 and 🦄 and 👩‍👩‍👧',
	'Zero\u200Bwidth\u200Djoin\u2060word',
	'\u202Ebidi override\u202C and \u2067isolate\u2069',
	'NUL\u0000 and BEL\u0007 and tab\tinside',
	'Tab, newline\nin a name',
	'',
	' ',
	'﷽',
	'𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math',
	'中文名字 山田太郎',
	'x'.repeat(300)
];

const byKind = (flags: Flag[], kind: Flag['kind']) => flags.filter((f) => f.kind === kind);

describe('hard names on labels', () => {
	it('render on every kind of sheet without throwing, flagging what cannot print', async () => {
		const labels = names.map((name, i) => ({
			reference: `HOP-${String(i + 1).padStart(5, '0')}`,
			lines: [name, 'Straße 1', '1234 AB  PLAATS'],
			returnAddress: [name]
		}));
		for (const templateId of ['avery-l7160', 'thermal-4x6', 'dymo-99014']) {
			const { pdf, flags } = await renderLabels({ templateId, labels });
			expect(pdf.length).toBeGreaterThan(1000);
			const unprintable = byKind(flags, 'unprintable_glyph');
			const flagged = (ref: number) =>
				unprintable
					.filter((f) => f.reference === `HOP-${String(ref).padStart(5, '0')}`)
					.map((f) => f.detail);
			// 🦄 is not in DejaVu Sans; 😀 is (monochrome).
			expect(flagged(11).join(' ')).toContain('🦄');
			expect(flagged(11).join(' ')).not.toContain('😀');
			expect(flagged(14)).toEqual(
				expect.arrayContaining([
					expect.stringContaining('U+0000'),
					expect.stringContaining('U+0007')
				])
			);
			expect(flagged(20).length).toBeGreaterThan(0); // CJK: no embedded font has it
			for (const ok of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13])
				expect(flagged(ok), names[ok - 1]).toEqual([]);
			expect(byKind(flags, 'overflow').map((f) => f.reference)).toContain('HOP-00021');
		}
	});

	it.skipIf(!!toolMissing('pdftotext', 'poppler-utils'))(
		'keeps the text: diacritics, Ĳ, dotless ı and Vietnamese come back from the PDF',
		async () => {
			const labels = names
				.slice(0, 6)
				.map((name, i) => ({ reference: `HOP-0000${i}`, lines: [name] }));
			const text = pdfText(
				(await renderLabels({ templateId: 'avery-l7163', labels })).pdf
			).normalize('NFC');
			for (const name of [
				'Zoë van der Berg',
				'Łukasz Żółć',
				'Şükrü Öztürk',
				'Işıl Kılıç',
				'Nguyễn Thị Minh Khai',
				'Ĳsbrand Ĳzerman'
			])
				expect(text).toContain(name);
		}
	);
});

describe('right-to-left text', () => {
	it('is drawn in visual order, with left-to-right runs kept in place', async () => {
		const doc = await PDFDocument.create();
		doc.registerFontkit(fontkit);
		const fonts = await embedFonts(doc, ['sans']);
		const sans = fonts.get('sans')!;
		const hex = (s: string) => literalFromHex(sans.pdf.encodeText(s).asString());
		// Hebrew alef-bet-gimel: visually gimel, bet, alef from left to right.
		const hebrew = shapeLine('אבג', [sans], null);
		expect(hebrew.pieces.map((p) => p.code).join('')).toBe(hex('ג') + hex('ב') + hex('א'));
		// Latin, then Hebrew reversed: the Latin run stays first.
		const mixed = shapeLine('Ali דוד', [sans], null);
		expect(mixed.pieces.map((p) => p.code)).toEqual([
			hex('Ali '),
			hex('דוד'.split('').reverse().join(''))
		]);
		// A number after Arabic belongs to the Arabic run (UBA W2): it shows left of the Arabic name.
		const arabic = shapeLine('Ali محمد 12', [sans], null);
		expect(arabic.pieces.map((p) => p.code).slice(0, 2)).toEqual([hex('Ali '), hex('12')]);
		expect(arabic.pieces).toHaveLength(3);
	});
});

describe('hard messages on cards', () => {
	const messages = [
		'Lieve Zoë,\nbedankt! 😀🦄',
		'x'.repeat(1000),
		'Woorden '.repeat(125).trim(), // 1,000 characters of real words
		'ملاحظة: شكرا جزيلا\nתודה רבה',
		'Nguyễn\u0000Thị\u200B Minh\u202E Khai',
		'\n\n\n',
		'Ĳsbrand en İstanbul en ı',
		'Een veel te lang bericht. '.repeat(130) // 3,380 characters: more than any card holds
	];

	it('render on every card design without throwing; long ones shrink, then are cut and flagged', async () => {
		const cards = messages.map((message, i) => ({
			reference: `HOP-C${i}`,
			message,
			signature: 'Şükrü 🦄',
			recipientName: 'Zoë'
		}));
		for (const templateId of ['a6-postcard', 'a6-postcard-portrait', 'a5-folded', 'a4-4up']) {
			const { pdf, flags } = await renderCards({ templateId, cards });
			expect(pdf.length).toBeGreaterThan(1000);
			expect(
				flags.filter((f) => f.kind === 'unprintable_glyph' && f.detail.includes('🦄')).length
			).toBeGreaterThan(0);
			expect(flags.some((f) => f.reference === 'HOP-C4' && f.detail.includes('U+0000'))).toBe(true);
			expect(flags.some((f) => f.reference === 'HOP-C7' && f.kind === 'overflow')).toBe(true);
			expect(flags.filter((f) => f.reference === 'HOP-C6' && !f.detail.includes('🦄'))).toEqual([]);
		}
	});
});

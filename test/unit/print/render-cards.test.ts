/** Cards: a message at the design's text limits fits; pages per side; the logo can be left out. */
import { describe, expect, it } from 'vitest';
import { cardTextLimits, renderCards, RenderInputError } from '../../../templates/render/index.ts';
import { ink, renderPage, toolMissing } from './pdf-tools.ts';
import { sampleCards } from './samples.ts';

const words =
	'wat fijn dat je ons liet weten hoe blij je was met de hulp van het hele team in de winkel'.split(
		' '
	);

/** A message of `lines` lines of about `perLine` characters, at most `max` characters in all. */
function messageAt(lines: number, perLine: number, max: number): string {
	const out: string[] = [];
	let k = 0;
	for (let l = 0; l < lines; l++) {
		let line = '';
		while (line.length + words[k % words.length]!.length + 1 <= perLine)
			line += (line ? ' ' : '') + words[k++ % words.length];
		out.push(line);
	}
	let message = out.join('\n');
	if (message.length > max) message = message.slice(0, max);
	return message;
}

describe('cards', () => {
	it.each(Object.entries(cardTextLimits()))(
		'%s: a message at its text limits fits without shortening',
		async (id, limit) => {
			const message = messageAt(limit.maxLines, limit.charsPerLine, limit.maxChars);
			const { flags } = await renderCards({
				templateId: id,
				cards: [
					{
						reference: 'HOP-00001',
						message,
						signature: 'Sanne, namens de hub',
						recipientName: 'Zoë'
					}
				]
			});
			expect(flags).toEqual([]);
		}
	);

	it('prints one page per side per sheet of cards', async () => {
		expect((await renderCards({ templateId: 'a6-postcard', cards: sampleCards })).pages).toBe(4);
		expect(
			(
				await renderCards({
					templateId: 'a4-4up',
					cards: [...sampleCards, ...sampleCards, sampleCards[0]!]
				})
			).pages
		).toBe(3);
		expect(
			(await renderCards({ templateId: 'a5-folded', cards: sampleCards.slice(0, 3) })).pages
		).toBe(6);
	});

	it('refuses an unknown template and an empty batch', async () => {
		await expect(renderCards({ templateId: 'nope', cards: sampleCards })).rejects.toBeInstanceOf(
			RenderInputError
		);
		await expect(renderCards({ templateId: 'a6-postcard', cards: [] })).rejects.toMatchObject({
			field: 'cards'
		});
	});

	it.skipIf(!!toolMissing('pdftoppm', 'poppler-utils'))(
		'the message never leaves its box; logo off leaves its corner empty',
		async () => {
			const card = {
				reference: 'HOP-00001',
				message: 'Een veel te lang bericht met hele lange woorden. '.repeat(80),
				signature: ' '
			};
			const { pdf, flags } = await renderCards({
				templateId: 'a6-postcard',
				cards: [card],
				logo: false
			});
			expect(flags.map((f) => f.kind)).toEqual(['overflow']);
			const dpi = 72;
			const img = ink(renderPage(pdf, dpi));
			const px = (mm: number) => (mm / 25.4) * dpi;
			// templates/cards/a6-postcard.json: message box 11, 24, 126 × 57; reference box 9, 97, 50 × 3.5.
			const boxes = [
				[11, 24, 126, 57],
				[9, 97, 50, 3.5]
			];
			let outside = 0;
			for (let y = 0; y < img.height; y++)
				for (let x = 0; x < img.width; x++) {
					if (!img.dark(x, y)) continue;
					if (
						!boxes.some(
							([bx, by, bw, bh]) =>
								x + 1 >= px(bx!) && x <= px(bx! + bw!) && y + 1 >= px(by!) && y <= px(by! + bh!)
						)
					)
						outside++;
				}
			expect(outside).toBe(0);
		}
	);
});

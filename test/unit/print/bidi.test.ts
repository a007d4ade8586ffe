import { describe, expect, it } from 'vitest';
import { renderCards, renderLabels } from '../../../templates/render/index.ts';
import { closeBidi } from '../../../templates/render/text.ts';
import { pdfText, toolMissing } from './pdf-tools.ts';

const RLO = '\u202E';
const PDF = '\u202C';
const RLI = '\u2067';
const PDI = '\u2069';

describe('a bidi control left open is closed and flagged', () => {
	it('closes open overrides, embeddings and isolates at the end of the line, innermost first', () => {
		const reports: string[] = [];
		const report = (_problem: unknown, d: string) => reports.push(d);
		expect(closeBidi(`Jan ${RLO}koorb`, report)).toBe(`Jan ${RLO}koorb${PDF}`);
		expect(closeBidi(`a${RLI}b${RLO}c`, report)).toBe(`a${RLI}b${RLO}c${PDF}${PDI}`);
		expect(reports).toEqual([
			'bidi control U+202E left open: closed at the end of the line',
			'bidi control U+2067 left open: closed at the end of the line'
		]);
	});

	it('leaves balanced and stray closers alone, without a flag', () => {
		const reports: string[] = [];
		const report = (_problem: unknown, d: string) => reports.push(d);
		for (const s of [`a${RLO}b${PDF}c`, `a${RLI}b${RLO}c${PDI}`, `x${PDF}${PDI}`, 'محمد Zoë'])
			expect(closeBidi(s, report)).toBe(s);
		expect(reports).toEqual([]);
	});

	it('flags it on a card', async () => {
		const { flags } = await renderCards({
			templateId: 'a6-postcard',
			cards: [
				{
					reference: 'HOP-00042',
					recipientName: `Jan ${RLO}reiduorB`,
					message: `Veel plezier ${RLO}ermee`,
					signature: 'Sanne'
				}
			]
		});
		expect(flags).toContainEqual({
			reference: 'HOP-00042',
			kind: 'unprintable_glyph',
			code: 'bidi_closed',
			params: { codePoint: 'U+202E' },
			detail: 'bidi control U+202E left open: closed at the end of the line'
		});
	});

	const noPoppler = toolMissing('pdftotext', 'poppler-utils');
	it.skipIf(!!noPoppler)(
		'an override in one line of the return address does not reverse the lines joined after it',
		async () => {
			const { pdf, flags } = await renderLabels({
				templateId: 'avery-l7160',
				labels: [
					{
						reference: 'HOP-00043',
						lines: ['Zoë de Vries', 'Dorpsstraat 1', '1234 AB  PLAATS'],
						returnAddress: [`Stroop${RLO}lefaw`, 'Postbus 1234', '1000 AB  AMSTERDAM']
					}
				]
			});
			expect(flags.map((f) => f.detail)).toContain(
				'bidi control U+202E left open: closed at the end of the line'
			);
			const text = pdfText(pdf, 1).replace(/\u00a0/g, ' ');
			expect(text).toContain('Postbus 1234');
			expect(text).toMatch(/1000 AB +AMSTERDAM/);
		}
	);
});

/**
 * Golden images: page 1 of every template rendered with pdftoppm at 50 dpi and compared with the
 * committed PNG in test/fixtures/golden/ (at most 0.5 % of pixels may differ). Regenerate after an
 * intended change with UPDATE_GOLDEN=1 npm run test:unit -- test/unit/print/golden.test.ts, and look
 * at the new images before committing them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTemplates, renderCards, renderLabels } from '../../../templates/render/index.ts';
import { pngDifference, renderPage, toolMissing } from './pdf-tools.ts';
import { sampleCards, sampleLabels } from './samples.ts';

const goldenDir = path.resolve(import.meta.dirname, '../../fixtures/golden');
const update = process.env.UPDATE_GOLDEN === '1';
const TOLERANCE = 0.005;
const missing = toolMissing('pdftoppm', 'poppler-utils');
const { labels, cards } = listTemplates();

async function compare(name: string, pdf: Uint8Array) {
	const png = renderPage(pdf, 50);
	const file = path.join(goldenDir, `${name}.png`);
	if (update || !existsSync(file)) {
		if (!update)
			throw new Error(`no golden image ${file}: run with UPDATE_GOLDEN=1 and look at it`);
		mkdirSync(goldenDir, { recursive: true });
		writeFileSync(file, png);
		return;
	}
	const difference = pngDifference(png, readFileSync(file));
	if (difference > TOLERANCE) writeFileSync(path.join(goldenDir, `${name}.actual.png`), png);
	expect(
		difference,
		`${name}: ${(difference * 100).toFixed(2)} % of pixels differ (actual written next to the golden image)`
	).toBeLessThanOrEqual(TOLERANCE);
}

describe.skipIf(!!missing)('golden images', () => {
	it.each(labels.map((t) => t.id))('label template %s', async (id) => {
		const { pdf } = await renderLabels({ templateId: id, labels: sampleLabels });
		await compare(`labels-${id}`, pdf);
	});

	it.each(cards.map((t) => t.id))('card template %s', async (id) => {
		const { pdf } = await renderCards({ templateId: id, cards: sampleCards });
		await compare(`cards-${id}`, pdf);
	});

	it('the folded card has its inside on page 2', async () => {
		const { pdf, pages } = await renderCards({
			templateId: 'a5-folded',
			cards: sampleCards.slice(0, 1)
		});
		expect(pages).toBe(2);
		const png = renderPage(pdf, 50, 2);
		const file = path.join(goldenDir, 'cards-a5-folded-inside.png');
		if (update) writeFileSync(file, png);
		else expect(pngDifference(png, readFileSync(file))).toBeLessThanOrEqual(TOLERANCE);
	});
});

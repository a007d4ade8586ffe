import { describe, expect, it } from 'vitest';
import {
	cardLimits,
	cardTemplateIds,
	cardTemplateName,
	checkLength,
	largestCard
} from '#api/domain/card-checks/card-limits.ts';
import { cardTextLimits, listTemplates } from '../../../templates/render/index.ts';

describe('card checks read their limits from the card templates', () => {
	it('has exactly the templates’ cards and limits: a new card design is only a new file', () => {
		const fromTemplates = cardTextLimits();
		expect([...cardTemplateIds].sort()).toEqual(
			listTemplates()
				.cards.map((t) => t.id)
				.sort()
		);
		expect(cardLimits).toEqual(fromTemplates);
		// The portrait postcard was missing from the old hard-coded map.
		expect(cardLimits['a6-postcard-portrait']).toEqual(fromTemplates['a6-postcard-portrait']);
	});

	it('names a card as its template does, and measures against that template', () => {
		const portrait = listTemplates().cards.find((t) => t.id === 'a6-postcard-portrait')!;
		expect(cardTemplateName('a6-postcard-portrait')).toBe(portrait.name);
		const limit = cardLimits['a6-postcard-portrait']!;
		const issues = checkLength('x'.repeat(limit.maxChars + 1), limit);
		expect(issues.find((i) => i.measure === 'chars')).toMatchObject({
			limit: limit.maxChars,
			actual: limit.maxChars + 1
		});
		const [largest, biggest] = largestCard();
		expect(biggest.maxChars).toBe(
			Math.max(...Object.values(cardTextLimits()).map((l) => l.maxChars))
		);
		expect(cardTemplateIds).toContain(largest);
	});
});

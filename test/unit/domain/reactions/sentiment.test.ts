import { describe, expect, it } from 'vitest';
import { suggestSentiment } from '#api/domain/reactions/sentiment.ts';
import labelled from '../../../fixtures/sentiment.json' with { type: 'json' };

type Item = { lang: 'nl' | 'en'; label: 'positive' | 'neutral' | 'negative'; text: string };
const items = labelled.items as Item[];

/** The floor the suggestion must keep on the labelled set; the figure itself is printed. */
const MIN_ACCURACY = 0.85;

describe('sentiment suggestion', () => {
	it(`is right on at least ${MIN_ACCURACY * 100} % of ${items.length} labelled Dutch and English reactions (language guessed)`, () => {
		const wrong: string[] = [];
		const perLanguage = { nl: { right: 0, total: 0 }, en: { right: 0, total: 0 } };
		for (const item of items) {
			// No locale hint: the language is guessed from the text, as for a reaction from an unknown customer.
			const suggestion = suggestSentiment(item.text);
			expect(suggestion.language, item.text).toBe(item.lang);
			perLanguage[item.lang].total += 1;
			if (suggestion.sentiment === item.label) perLanguage[item.lang].right += 1;
			else wrong.push(`${item.label} → ${suggestion.sentiment}: ${item.text}`);
		}
		const right = perLanguage.nl.right + perLanguage.en.right;
		const accuracy = right / items.length;
		console.info(
			`sentiment accuracy: ${(accuracy * 100).toFixed(1)} % (${right}/${items.length}; nl ${perLanguage.nl.right}/${perLanguage.nl.total}, en ${perLanguage.en.right}/${perLanguage.en.total})` +
				(wrong.length ? `\n  missed: ${wrong.join('\n  missed: ')}` : '')
		);
		expect(items.length).toBeGreaterThanOrEqual(40);
		expect(accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY);
	});

	it('names the words and emoji that drove it', () => {
		const s = suggestSentiment('Wat een leuke verrassing! 😍😍', 'nl');
		expect(s.sentiment).toBe('positive');
		expect(s.drivers).toEqual(
			expect.arrayContaining([
				{ text: '😍', weight: 1, count: 2, source: 'emoji' },
				expect.objectContaining({ text: 'leuke', source: 'word' }),
				expect.objectContaining({ text: 'verrassing', source: 'word' })
			])
		);
		expect(s.drivers[0]!.text).toBe('😍'); // strongest first
	});

	it('counts emoji both ways: 😍 👍 ❤️ 🎉 up, 😡 👎 down (skin tones and variation selectors too)', () => {
		expect(suggestSentiment('❤️🎉👍🏽').score).toBe(3);
		expect(suggestSentiment('😡👎').score).toBe(-2);
		expect(suggestSentiment('😡👎').sentiment).toBe('negative');
		expect(suggestSentiment('pakket 📦').sentiment).toBe('neutral');
	});

	it('turns a word around after a negation, up to the end of the sentence', () => {
		expect(suggestSentiment('Ik ben er niet blij mee', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('Not happy with this at all', 'en').sentiment).toBe('negative');
		expect(suggestSentiment('Dit had ik niet verwacht. Super bedankt!', 'nl').sentiment).toBe(
			'positive'
		);
	});

	it('treats text as text: markup is just words, nothing runs', () => {
		const s = suggestSentiment('<script>alert("hoi")</script> top service', 'nl');
		expect(s.sentiment).toBe('positive');
		expect(suggestSentiment('').sentiment).toBe('neutral');
		expect(suggestSentiment('x'.repeat(10_000)).sentiment).toBe('neutral');
	});

	it('ends a negation at a comma: "never again, terrible" is negative, "not bad, really good" positive', () => {
		const again = suggestSentiment('Never again, terrible service 😡', 'en');
		expect(again.sentiment).toBe('negative');
		expect(again.drivers.find((d) => d.text === 'terrible')!.weight).toBeLessThan(0);
		expect(
			suggestSentiment('Niet slecht, echt een heel goede service', 'nl').drivers.find(
				(d) => d.text === 'goede'
			)?.weight ?? 1
		).toBeGreaterThan(0);
	});

	it('uses the locale hint only when the text does not tell', () => {
		expect(suggestSentiment('👍', 'en').language).toBe('en');
		expect(suggestSentiment('👍', 'nl').language).toBe('nl');
		expect(suggestSentiment('Thank you so much, the team was great', 'nl').language).toBe('en');
	});
});

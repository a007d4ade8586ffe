import { describe, expect, it } from 'vitest';
import { suggestSentiment } from '../../../../api/src/domain/reactions/sentiment.ts';

const weightOf = (text: string, word: string, locale = 'nl') =>
	suggestSentiment(text, locale).drivers.find((d) => d.text === word)?.weight;

describe('sentiment rules', () => {
	it('reads a bare thanks as positive, in every spelling, with or without exclamation marks', () => {
		for (const text of ['Dank!', 'Bedankt!!', 'Dankjewel', 'Merci!', 'Toppie', 'Top!', 'Thx!'])
			expect(suggestSentiment(text, 'nl').sentiment, text).toBe('positive');
		for (const text of ['Thanks!!', 'Thank you!', 'ty!', 'Legends 🙌'])
			expect(suggestSentiment(text, 'en').sentiment, text).toBe('positive');
	});

	it('reads a reply that mixes the languages: "bedankt he", "Thanks jongens"', () => {
		expect(suggestSentiment('bedankt he', 'nl')).toMatchObject({ sentiment: 'positive' });
		expect(suggestSentiment('Thanks jongens', 'nl').sentiment).toBe('positive');
		expect(suggestSentiment('Dankjewel, love it', 'en').sentiment).toBe('positive');
	});

	it('lets exclamation marks strengthen a clause (up to three) and a question weaken it', () => {
		const leuk = weightOf('Leuk', 'leuk')!;
		expect(weightOf('Leuk!', 'leuk')).toBeCloseTo(leuk * 1.2, 3);
		expect(weightOf('Leuk!!!', 'leuk')).toBeCloseTo(leuk * 1.6, 3);
		expect(weightOf('Leuk!!!!!!', 'leuk')).toBeCloseTo(leuk * 1.6, 3);
		expect(suggestSentiment('Entering!', 'en').sentiment).toBe('neutral'); // nothing to strengthen
		expect(suggestSentiment('Who won?', 'en').sentiment).toBe('neutral');
		expect(suggestSentiment('Staat mijn adres goed?', 'nl').sentiment).toBe('neutral');
		expect(suggestSentiment('Staat mijn adres goed, top!', 'nl').sentiment).toBe('positive');
	});

	it('turns a positive word after niet/geen/nooit and not/never/no, a negative one half-way', () => {
		for (const text of [
			'Niet gewaardeerd',
			'Ik heb dit totaal niet gewaardeerd',
			'Nooit blij mee geweest',
			'Geen leuke actie'
		])
			expect(suggestSentiment(text, 'nl').sentiment, text).toBe('negative');
		for (const text of ['Not happy', 'Never good', 'No good', "I didn't appreciate this"])
			expect(suggestSentiment(text, 'en').sentiment, text).toBe('negative');
		expect(weightOf('niet slecht', 'slecht')).toBeCloseTo(-weightOf('slecht', 'slecht')! / 2, 3);
		expect(suggestSentiment('not bad at all', 'en').sentiment).toBe('positive');
	});

	it('keeps negation within three words, and within its clause', () => {
		expect(
			suggestSentiment('Ik had niet gedacht dat ik ooit zo blij zou zijn', 'nl').sentiment
		).toBe('positive');
		expect(suggestSentiment('Niet verwacht, echt blij', 'nl').sentiment).toBe('positive');
		expect(suggestSentiment('Never expected that, so happy', 'en').sentiment).toBe('positive');
	});

	it('turns the verb before a Dutch "niet" that ends the clause', () => {
		expect(suggestSentiment('Dat waardeer ik niet', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('De code werkt niet', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('The code does not work', 'en').sentiment).toBe('negative');
		// Only verbs: an adjective earlier in the clause keeps its sign.
		expect(suggestSentiment('Belachelijk dat hij wel iets krijgt en ik niet', 'nl').sentiment).toBe(
			'negative'
		);
	});

	it('makes the next scored word stronger after heel, erg, super, echt, zo and very, really, so', () => {
		const blij = weightOf('blij', 'blij')!;
		for (const word of ['heel', 'erg', 'super', 'echt', 'zo', 'zeer', 'kapot'])
			expect(weightOf(`${word} blij`, 'blij'), word).toBeCloseTo(blij * 1.5, 3);
		expect(weightOf('echt heel erg blij', 'blij')).toBeCloseTo(blij * 1.5 ** 3, 3);
		const happy = weightOf('happy', 'happy', 'en')!;
		for (const word of ['very', 'really', 'so', 'such a'])
			expect(weightOf(`${word} happy`, 'happy', 'en'), word).toBeCloseTo(happy * 1.5, 3);
		// Alone an intensifier keeps its own weight; under a negation it adds nothing.
		expect(suggestSentiment('Super!', 'nl').sentiment).toBe('positive');
		expect(weightOf('niet heel blij', 'blij')).toBeCloseTo(-blij, 3);
		// "kapot" alone is broken, before a feeling it is slang for "very".
		expect(suggestSentiment('Kapot aangekomen', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('Kapot blij mee', 'nl').sentiment).toBe('positive');
	});

	it('reads set phrases and sarcasm as one: "bedankt voor niks", "lekker dan", "thanks for nothing"', () => {
		expect(suggestSentiment('Bedankt voor niks', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('Lekker dan, weer niks', 'nl').sentiment).toBe('negative');
		expect(suggestSentiment('Thanks for nothing', 'en').sentiment).toBe('negative');
		expect(suggestSentiment('Never again', 'en').sentiment).toBe('negative');
		expect(suggestSentiment('Bedankt voor niks', 'nl').drivers).toEqual([
			{ text: 'bedankt voor niks', weight: -0.8, count: 1, source: 'word' }
		]);
	});

	it('weighs what follows "maar"/"but" above what comes before it', () => {
		expect(
			suggestSentiment('Leuk bedacht, maar mijn klacht is nog steeds niet opgelost', 'nl').sentiment
		).toBe('negative');
		expect(suggestSentiment('Took a while but great service', 'en').sentiment).toBe('positive');
	});

	it('does not let a stem collision or a handle carry a verdict', () => {
		// Pattern's "mat" (dull) once came through "maat" (size) and "mat" (doormat).
		expect(suggestSentiment('Welke maat zijn de sokken?', 'nl').sentiment).toBe('neutral');
		expect(suggestSentiment('Kan ik mijn prijs laten sturen naar mijn werk?', 'nl').sentiment).toBe(
			'neutral'
		);
		expect(suggestSentiment('@slechtesokken pakket ontvangen', 'nl').sentiment).toBe('neutral');
		expect(suggestSentiment('zie https://example.com/terrible-awful-bad', 'nl').sentiment).toBe(
			'neutral'
		);
		for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
			expect(suggestSentiment(word).score, word).toBe(0);
	});

	it('counts the newer emoji too: 🙌 💪 up, 😂 half, 😔 🤦 down', () => {
		expect(suggestSentiment('🙌💪').score).toBe(2);
		expect(suggestSentiment('😂').score).toBe(0.5);
		expect(suggestSentiment('😔🤦').sentiment).toBe('negative');
	});

	it('reads a stretched word as the word ("leukkk", "sooo happy")', () => {
		expect(suggestSentiment('leukkk', 'nl').sentiment).toBe('positive');
		expect(weightOf('sooo happy', 'happy', 'en')).toBeCloseTo(
			weightOf('so happy', 'happy', 'en')!,
			3
		);
	});

	it('lists a word once even when it weighs differently in two places', () => {
		const s = suggestSentiment('Niet blij. Wel blij!', 'nl');
		expect(s.drivers.filter((d) => d.text === 'blij')).toHaveLength(1);
		expect(s.drivers[0]).toMatchObject({ text: 'blij', count: 2 });
	});
});

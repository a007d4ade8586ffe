import { describe, expect, it } from 'vitest';
import { findNearCopy, messageWords, similarity } from '#api/domain/card-checks/near-copy.ts';

const earlier = [
	{
		surpriseId: 's1',
		reference: 'HOP-00041',
		cardMessage:
			'Hoi Piet, wat fijn dat je zo blij was met onze service. Geniet van de sokken! Groetjes, Sanne'
	},
	{
		surpriseId: 's2',
		reference: 'HOP-00042',
		cardMessage:
			'Lieve Fatima, gefeliciteerd met je nieuwe huis! We hopen dat je er heel gelukkig wordt. Hartelijke groet van het hele team'
	}
];

describe('near-copy', () => {
	it('flags the same text with another name and punctuation, naming the surprise', () => {
		const copy = findNearCopy(
			'Hoi Anouk, wat fijn dat je zo blij was met onze service! Geniet van de sokken. Groetjes, Sanne',
			earlier
		);
		expect(copy).toMatchObject({ reference: 'HOP-00041', surpriseId: 's1', others: 0 });
		expect(copy!.similarity).toBeGreaterThanOrEqual(0.9);
	});
	it('does not flag a message written anew', () => {
		expect(
			findNearCopy(
				'Hoi Piet, wat een gedoe met je pakket. Hierbij iets lekkers voor bij de koffie, en sterkte met de verbouwing!',
				earlier
			)
		).toBeNull();
	});
	it('ignores very short messages', () => {
		expect(
			findNearCopy('Groetjes, Sanne', [
				{ surpriseId: 'x', reference: 'HOP-1', cardMessage: 'Groetjes, Sanne' }
			])
		).toBeNull();
	});
	it('measures word-level normalised Levenshtein, ignoring case, accents and punctuation', () => {
		expect(messageWords('Café, CAFÉ! cafe')).toEqual(['cafe', 'cafe', 'cafe']);
		expect(similarity(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'x', 'd', 'e'])).toBeCloseTo(0.8);
		expect(similarity(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'd', 'e'])).toBeCloseTo(0.8);
		expect(similarity([], [])).toBe(1);
	});
	it('counts the other near-copies and reports the closest', () => {
		const base = 'Dank je wel voor je mooie woorden over ons team, geniet van de bloemen';
		const copy = findNearCopy(base, [
			{ surpriseId: 'a', reference: 'HOP-1', cardMessage: base.replace('mooie', 'lieve') },
			{ surpriseId: 'b', reference: 'HOP-2', cardMessage: base }
		]);
		expect(copy).toMatchObject({ reference: 'HOP-2', similarity: 1, others: 1 });
	});
});

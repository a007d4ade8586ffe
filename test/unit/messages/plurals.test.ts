import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A count that meets a noun goes through the message format's plural rules ("1 verrassing",
 * "3 verrassingen"), never one fixed form. The nouns are the ones the pages count; a new page that
 * writes "{n} kaarten" as a plain text fails here.
 */
const PLURAL_NOUNS = {
	nl: [
		'verrassingen',
		'kaarten',
		'etiketten',
		'codes',
		'dagen',
		'klanten',
		'reacties',
		'likes',
		'kandidaten',
		'regels',
		'cellen',
		'minuten',
		'volgers',
		'meldingen',
		'winnaars',
		'reserves',
		'nominaties',
		'cadeaus',
		'campagnes',
		'pagina’s'
	],
	en: [
		'surprises',
		'cards',
		'labels',
		'codes',
		'days',
		'customers',
		'reactions',
		'comments',
		'likes',
		'shares',
		'candidates',
		'rows',
		'lines',
		'cells',
		'minutes',
		'followers',
		'notices',
		'winners',
		'reserves',
		'nominations',
		'gifts',
		'campaigns',
		'pages'
	]
} as const;

const messagesDir = join(import.meta.dirname, '../../../web/messages');

function catalogues(lang: 'nl' | 'en'): [string, Record<string, unknown>][] {
	return readdirSync(messagesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => [
			entry.name,
			JSON.parse(readFileSync(join(messagesDir, entry.name, `${lang}.json`), 'utf8'))
		]);
}

describe('counted nouns in the pages', () => {
	for (const lang of ['nl', 'en'] as const) {
		it(`use plural rules in ${lang}`, () => {
			const noun = new RegExp(`\\{\\w+\\} (${PLURAL_NOUNS[lang].join('|')})\\b`, 'u');
			const fixed = catalogues(lang).flatMap(([area, messages]) =>
				Object.entries(messages)
					.filter(([, text]) => typeof text === 'string' && noun.test(text))
					.map(([key, text]) => `${area}/${key}: ${String(text)}`)
			);
			expect(fixed).toEqual([]);
		});
	}

	it('finds what it looks for (a plain "{n} kaarten" would fail)', () => {
		const noun = new RegExp(`\\{\\w+\\} (${PLURAL_NOUNS.nl.join('|')})\\b`, 'u');
		expect(noun.test('Printen: {count} kaarten en etiketten')).toBe(true);
		expect(noun.test('{n} kaart')).toBe(false);
	});
});

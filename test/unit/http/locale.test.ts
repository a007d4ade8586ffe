import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localeOf } from '#api/http/locale.ts';
import { zodMessage, zodText } from '#api/messages/zod.ts';

describe('localeOf', () => {
	it.each([
		[undefined, 'en'],
		['', 'en'],
		['nl', 'nl'],
		['nl-NL', 'nl'],
		['NL-be', 'nl'],
		['nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7', 'nl'],
		['en-GB,en;q=0.9,nl;q=0.8', 'en'],
		['en;q=0.5,nl;q=0.8', 'nl'],
		['nl;q=0,en', 'en'],
		['de-DE,fr', 'en'],
		['de-DE,nl;q=0.3', 'nl'],
		['*', 'en'],
		['nl;q=abc', 'en']
	] as const)('%s → %s', (header, expected) => {
		expect(localeOf(header)).toBe(expected);
	});
});

describe('zodMessage', () => {
	const issueOf = (schema: z.ZodType, value: unknown) => {
		const result = schema.safeParse(value);
		if (result.success) throw new Error('expected a failure');
		return result.error.issues[0]!;
	};

	it('keeps every message as it is in English', () => {
		const issue = issueOf(z.string().min(1), '');
		expect(zodMessage(issue, 'en')).toBe(issue.message);
	});

	it('gives zod’s own Dutch for its default messages', () => {
		expect(zodMessage(issueOf(z.string().min(1), ''), 'nl')).toBe(
			'Te kort: verwacht dat string >=1 tekens heeft'
		);
		expect(zodMessage(issueOf(z.number(), 'x'), 'nl')).toBe(
			'Ongeldige invoer: verwacht getal, ontving string'
		);
		expect(zodMessage(issueOf(z.string(), 12), 'nl')).toBe(
			'Ongeldige invoer: verwacht string, ontving getal'
		);
		expect(zodMessage(issueOf(z.object({ a: z.string() }), {}), 'nl')).toBe(
			'Ongeldige invoer: verwacht string, ontving undefined'
		);
		expect(zodMessage(issueOf(z.enum(['a', 'b']), 'c'), 'nl')).toBe(
			'Ongeldige optie: verwacht één van "a"|"b"'
		);
	});

	it('gives a custom message its Dutch from the catalogue, with numbers and names kept', () => {
		expect(zodMessage(issueOf(z.string(zodText('enter_name')), 1), 'nl')).toBe('Vul een naam in.');
		expect(zodMessage(issueOf(z.string(zodText('enter_name')), 1), 'en')).toBe('Enter a name.');
		expect(
			zodMessage(issueOf(z.string().max(3, zodText('use_at_most_characters')), 'abcd'), 'nl')
		).toBe('Gebruik maximaal 3 tekens.');
		expect(
			zodMessage(issueOf(z.string().max(3, zodText('use_at_most_characters')), 'abcd'), 'en')
		).toBe('Use at most 3 characters.');
	});

	it('leaves a custom message with no Dutch readable in English', () => {
		expect(zodMessage(issueOf(z.string().min(1, 'Say something, please.'), ''), 'nl')).toBe(
			'Say something, please.'
		);
		expect(
			zodMessage(
				issueOf(z.number({ error: 'Invalid input: expected a dice roll, received a coin' }), 'x'),
				'nl'
			)
		).toBe('Invalid input: expected a dice roll, received a coin');
	});
});

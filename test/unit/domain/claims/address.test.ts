import { describe, expect, it } from 'vitest';
import {
	isCountryCode,
	normaliseDutchPostcode,
	validateAddress
} from '#api/domain/claims/address.ts';

const nl = {
	recipientName: 'Zoë van ’t Hek',
	street: 'Keizersgracht',
	houseNumber: '12',
	postcode: '1015 CJ',
	city: 'Amsterdam',
	country: 'NL'
};

function fieldsOf(input: Record<string, unknown>, locale: 'nl' | 'en' = 'nl') {
	const result = validateAddress(input, { locale });
	return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('Dutch postcodes', () => {
	it.each([
		['1234 AB', '1234 AB'],
		['1234AB', '1234 AB'],
		['1234ab', '1234 AB'],
		[' 1234  ab ', '1234 AB'],
		['1234-ab', '1234 AB'],
		['9999 ZZ', '9999 ZZ'],
		['1000 AA', '1000 AA'],
		['1234 SB', '1234 SB']
	])('%j → %j', (input, expected) => {
		expect(normaliseDutchPostcode(input)).toEqual({ postcode: expected });
		const result = validateAddress({ ...nl, postcode: input });
		expect(result.ok && result.address.postcode).toBe(expected);
		expect(result.ok && result.address.postcodeArea).toBe(expected.slice(0, 4));
	});

	it.each([
		['0123 AB', 'postcodeNl'],
		['0999AB', 'postcodeNl'],
		['1234 SA', 'postcodeNlReserved'],
		['1234 SD', 'postcodeNlReserved'],
		['1234 SS', 'postcodeNlReserved'],
		['1234sa', 'postcodeNlReserved'],
		['123 AB', 'postcodeNl'],
		['12345 AB', 'postcodeNl'],
		['1234 A', 'postcodeNl'],
		['1234 ABC', 'postcodeNl'],
		['1234 1B', 'postcodeNl'],
		['ABCD 12', 'postcodeNl'],
		['1234 ÄB', 'postcodeNl']
	])('%j is not a Dutch postcode (%s)', (input, error) => {
		expect(normaliseDutchPostcode(input)).toEqual({ error });
		expect(fieldsOf({ ...nl, postcode: input })).toEqual(['address.postcode']);
	});

	it('a missing postcode, street, number or city is an error per field', () => {
		expect(fieldsOf({ country: 'NL' }).sort()).toEqual([
			'address.city',
			'address.houseNumber',
			'address.postcode',
			'address.recipientName',
			'address.street'
		]);
	});

	it('splits "12a" and "12-2" into number and addition; rejects a number that is not one', () => {
		const a = validateAddress({ ...nl, houseNumber: '12a' });
		expect(a.ok && [a.address.houseNumber, a.address.addition]).toEqual(['12', 'a']);
		const b = validateAddress({ ...nl, houseNumber: '12-2', addition: 'achter' });
		expect(b.ok && [b.address.houseNumber, b.address.addition]).toEqual(['12', '2 achter']);
		expect(fieldsOf({ ...nl, houseNumber: 'twaalf' })).toEqual(['address.houseNumber']);
		expect(fieldsOf({ ...nl, houseNumber: '012' })).toEqual(['address.houseNumber']);
	});
});

describe('Belgian and German postcodes', () => {
	const be = { ...nl, city: 'Gent', country: 'BE', postcode: '9000' };
	const de = { ...nl, city: 'Köln', country: 'DE', postcode: '50667' };

	it.each(['1000', '9999', ' 9000 ', 'B-9000', 'b9000'])('BE %j is valid', (postcode) => {
		const result = validateAddress({ ...be, postcode });
		expect(result.ok).toBe(true);
		expect(result.ok && /^\d{4}$/.test(result.address.postcode!)).toBe(true);
	});
	it.each(['0999', '999', '10000', '1000 AB', 'ABCD'])('BE %j is not', (postcode) => {
		expect(fieldsOf({ ...be, postcode })).toEqual(['address.postcode']);
	});

	it.each(['50667', '01067', '99998', 'D-50667'])('DE %j is valid', (postcode) => {
		const result = validateAddress({ ...de, postcode });
		expect(result.ok && result.address.postcode).toMatch(/^\d{5}$/);
		expect(result.ok && result.address.postcodeArea).toHaveLength(3);
	});
	it.each(['5066', '506677', '00123', '5066A'])('DE %j is not', (postcode) => {
		expect(fieldsOf({ ...de, postcode })).toEqual(['address.postcode']);
	});

	it('BE keeps the whole postcode as its area; an addition such as "bus 3" is free text', () => {
		const result = validateAddress({ ...be, houseNumber: '12', addition: 'bus 3' });
		expect(result.ok && [result.address.postcodeArea, result.address.addition]).toEqual([
			'9000',
			'bus 3'
		]);
	});
});

describe('other countries and the country itself', () => {
	it('free-form postcode and number, but the country must be an ISO 3166-1 alpha-2 code', () => {
		const gb = validateAddress({
			recipientName: 'Łukasz Żółć',
			street: '10 Downing Street',
			postcode: 'sw1a 2aa',
			city: 'London',
			country: 'gb'
		});
		expect(gb).toEqual({
			ok: true,
			address: {
				recipientName: 'Łukasz Żółć',
				street: '10 Downing Street',
				houseNumber: '',
				addition: null,
				postcode: 'SW1A 2AA',
				postcodeArea: null,
				city: 'London',
				country: 'GB'
			}
		});
		const hk = validateAddress({
			recipientName: 'محمد',
			street: 'Nathan Road 1',
			city: 'Hong Kong',
			country: 'HK'
		});
		expect(hk.ok && hk.address.postcode).toBe(null);
		expect(fieldsOf({ ...nl, country: '' })).toContain('address.country');
		expect(fieldsOf({ ...nl, country: 'XX' })).toContain('address.country');
		expect(fieldsOf({ ...nl, country: 'NLD' })).toContain('address.country');
		expect(fieldsOf({ ...nl, country: 'UK' })).toContain('address.country');
	});

	it('knows all 249 assigned codes and nothing else', () => {
		const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
		const all = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter(isCountryCode);
		expect(all).toHaveLength(249);
		expect(all).toEqual(expect.arrayContaining(['NL', 'BE', 'DE', 'GB', 'SS', 'AX']));
		expect(isCountryCode('XK')).toBe(false);
	});

	it('cleans text: NFC, invisible and bidi-override characters removed, spaces collapsed', () => {
		const result = validateAddress({
			...nl,
			recipientName: ' Zoe\u0308\u200B  \u202Evan\u202C Hek ',
			city: 'Amster\u0000dam'
		});
		expect(result.ok && result.address.recipientName).toBe('Zoë van Hek');
		expect(result.ok && result.address.city).toBe('Amster dam');
	});

	it('messages follow the link’s language and too long is an error', () => {
		const nlResult = validateAddress({ ...nl, postcode: '0123 AB' }, { locale: 'nl' });
		const enResult = validateAddress({ ...nl, postcode: '0123 AB' }, { locale: 'en' });
		expect(!nlResult.ok && nlResult.errors[0]!.message).toMatch(/Nederlandse postcode/);
		expect(!enResult.ok && enResult.errors[0]!.message).toMatch(/Dutch postcode/);
		expect(fieldsOf({ ...nl, street: 'x'.repeat(101) })).toEqual(['address.street']);
	});
});

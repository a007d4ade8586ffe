import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatAddress } from '../../../templates/render/index.ts';
import { dutchPostcode } from '../../../templates/render/format-address.ts';
import { addressRows } from '../../../bench/support/rows.ts';

const require = createRequire(import.meta.url);
const formatter =
	require('@fragaria/address-formatter') as typeof import('@fragaria/address-formatter');

describe('formatAddress', () => {
	it('Dutch: street + number + addition, "1234 AB  PLACE" in capitals with two spaces, no country at home', () => {
		expect(
			formatAddress({
				recipientName: "Zoë van 't Hek",
				street: 'Keizersgracht',
				houseNumber: '12',
				addition: 'A',
				postcode: '1015cs',
				city: 'Amsterdam',
				country: 'NL'
			})
		).toEqual(["Zoë van 't Hek", 'Keizersgracht 12 A', '1015 CS  AMSTERDAM']);
		expect(
			formatAddress({
				recipientName: 'Ĳsbrand',
				street: 'Ĳsselkade',
				houseNumber: '3',
				postcode: '3401 RK',
				city: 'IJsselstein',
				country: 'nl'
			})[2]
		).toBe('3401 RK  IJSSELSTEIN');
	});

	it('abroad: the country’s own order and the country in capitals on the last line', () => {
		expect(
			formatAddress({
				recipientName: 'Łukasz Żółć',
				street: 'Hohe Straße',
				houseNumber: '5',
				postcode: '50667',
				city: 'Köln',
				country: 'DE'
			})
		).toEqual(['Łukasz Żółć', 'Hohe Straße 5', '50667 Köln', 'GERMANY']);
		expect(
			formatAddress({
				recipientName: 'Ann',
				street: 'Baker Street',
				houseNumber: '221B',
				postcode: 'NW1 6XE',
				city: 'London',
				country: 'GB'
			})
		).toEqual(['Ann', '221B Baker Street', 'London', 'NW1 6XE', 'UNITED KINGDOM']);
		expect(
			formatAddress(
				{
					recipientName: 'Jan',
					street: 'Rue de la Loi',
					houseNumber: '16',
					postcode: '1000',
					city: 'Bruxelles',
					country: 'BE'
				},
				{ homeCountry: 'BE' }
			)
		).toEqual(['Jan', 'Rue de la Loi 16', '1000 Bruxelles']);
	});

	it('tidies whitespace and normalises to NFC', () => {
		expect(
			formatAddress({
				recipientName: '  Zoe\u0308   de  Vries ',
				street: 'Dorpsstraat',
				houseNumber: ' 1 ',
				postcode: '1234AB',
				city: 'Ee',
				country: 'NL'
			})[0]
		).toBe('Zoë de Vries');
		expect(dutchPostcode('1234 ab')).toBe('1234 AB');
		expect(dutchPostcode('B-1000')).toBe('B-1000');
	});

	it('the cached per-country layout gives what the formatter itself gives', () => {
		const countries = [
			'NL',
			'BE',
			'DE',
			'FR',
			'GB',
			'US',
			'ES',
			'IT',
			'PL',
			'SE',
			'DK',
			'AT',
			'CH',
			'LU',
			'TR',
			'JP',
			'BR'
		];
		const rows = addressRows(400, 3);
		for (const [i, r] of rows.entries()) {
			const country = countries[i % countries.length]!;
			const input = {
				recipientName: r.name,
				street: r.street,
				houseNumber: r.house_number,
				addition: r.addition,
				postcode: country === 'NL' ? r.postcode : r.postcode.replace(' ', ''),
				city: r.city,
				country
			};
			const ours = formatAddress(input);
			const houseNumber = [r.house_number, r.addition].filter(Boolean).join(' ');
			const postcode = country === 'NL' ? r.postcode : input.postcode;
			const theirs = formatter.format(
				{ road: r.street, houseNumber, postcode, city: r.city, countryCode: country },
				{ countryCode: country, appendCountry: country !== 'NL', output: 'array' }
			);
			const expected = theirs.map((line, k) =>
				country === 'NL' && line === `${postcode} ${r.city}`
					? `${postcode}  ${r.city.toUpperCase()}`
					: country !== 'NL' && k === theirs.length - 1
						? line.toUpperCase()
						: line
			);
			expect(ours, `${country} ${JSON.stringify(input)}`).toEqual([r.name, ...expected]);
		}
	});

	it('a part that repeats (street and town both "London") is left to the formatter, which drops one', () => {
		const theirs = formatter.format(
			{ road: 'London', postcode: 'NW1 6XE', city: 'London', countryCode: 'GB' },
			{ countryCode: 'GB', appendCountry: true, output: 'array' }
		);
		expect(theirs.filter((l) => l === 'London')).toHaveLength(1);
		const ours = formatAddress({
			recipientName: 'Ann',
			street: 'London',
			houseNumber: '',
			postcode: 'NW1 6XE',
			city: 'London',
			country: 'GB'
		});
		expect(ours).toEqual([
			'Ann',
			...theirs.map((l, i) => (i === theirs.length - 1 ? l.toUpperCase() : l))
		]);
	});
});

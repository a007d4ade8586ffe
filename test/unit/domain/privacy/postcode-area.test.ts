import { describe, expect, it } from 'vitest';
import { postcodeArea } from '#api/domain/privacy/postcode-area.ts';

describe('postcode area kept after anonymising', () => {
	it('NL keeps the four digits', () => {
		expect(postcodeArea('NL', '1234 AB')).toBe('1234');
		expect(postcodeArea('nl', '1234ab')).toBe('1234');
		expect(postcodeArea('NL', '1234')).toBe('1234');
	});
	it('BE keeps its four-digit municipality code, DE the first three digits', () => {
		expect(postcodeArea('BE', '2000')).toBe('2000');
		expect(postcodeArea('BE', 'B-2000')).toBe('2000');
		expect(postcodeArea('DE', '10115')).toBe('101');
		expect(postcodeArea('DE', 'D-10115')).toBe('101');
		expect(postcodeArea('BE', 'BE 2000')).toBe('2000');
		expect(postcodeArea('DE', 'DE-10115')).toBe('101');
		expect(postcodeArea('DE', '101')).toBe(null);
	});
	it('keeps nothing for other countries or input that is not a postcode', () => {
		expect(postcodeArea('FR', '75001')).toBeNull();
		expect(postcodeArea('NL', '0123 AB')).toBeNull();
		expect(postcodeArea('NL', 'Kerkstraat 1')).toBeNull();
		expect(postcodeArea('NL', null)).toBeNull();
	});
});

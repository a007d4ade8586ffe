import { describe, expect, it } from 'vitest';
import { maskCode } from '#api/domain/gifts/gift-view.ts';
import { parseVoucherCsv } from '#api/domain/gifts/voucher-csv.ts';

describe('parseVoucherCsv', () => {
	it('reads one code per line, trims, skips blank lines and keeps line numbers', () => {
		const { codes, errors } = parseVoucherCsv('  AAAA-1111 \r\n\nBBBB-2222\n\n\nCCCC-3333\n');
		expect(errors).toEqual([]);
		expect(codes).toEqual([
			{ line: 1, code: 'AAAA-1111' },
			{ line: 3, code: 'BBBB-2222' },
			{ line: 6, code: 'CCCC-3333' }
		]);
	});

	it('reads a `code` column from a header row, any position, comma or semicolon, with a BOM', () => {
		const comma = parseVoucherCsv('\uFEFFvalue,Code,note\n15,AAAA,x\n15,BBBB,"y, z"\n');
		expect(comma.codes).toEqual([
			{ line: 2, code: 'AAAA' },
			{ line: 3, code: 'BBBB' }
		]);
		const semicolon = parseVoucherCsv('code;waarde\nAAAA;15\nBBBB;15');
		expect(semicolon.codes.map((c) => c.code)).toEqual(['AAAA', 'BBBB']);
	});

	it('reports every repeat with the line of the first occurrence; case matters', () => {
		const { codes, errors } = parseVoucherCsv('AAAA\nBBBB\nAAAA\naaaa\nBBBB\n');
		expect(codes.map((c) => c.code)).toEqual(['AAAA', 'BBBB', 'aaaa']);
		expect(errors).toEqual([
			{ line: 3, message: 'Line 3: same code as line 1.' },
			{ line: 5, message: 'Line 5: same code as line 2.' }
		]);
	});

	it('rejects two values on a line without a header, an empty code cell, control characters and long codes', () => {
		const { errors } = parseVoucherCsv(`AAAA,BBBB\n"CC\nCC"\n${'X'.repeat(101)}\nDD\u200BDD\n`);
		expect(errors.map((e) => e.line)).toEqual([1, 2, 4, 5]);
		expect(errors[0]!.message).toMatch(/more than one value/);
		const header = parseVoucherCsv('code,value\n,15\n');
		expect(header.errors).toEqual([{ line: 2, message: 'Line 2: the code column is empty.' }]);
	});

	it('turns an unreadable file into a line error instead of throwing', () => {
		const { codes, errors } = parseVoucherCsv('AAAA\n"BBBB\nCCCC');
		expect(codes).toEqual([]);
		expect(errors[0]!.message).toMatch(/^Line \d+: a quote/);
	});

	it('an empty file holds no codes and no errors', () => {
		expect(parseVoucherCsv('')).toEqual({ codes: [], errors: [] });
		expect(parseVoucherCsv('\n \n')).toEqual({ codes: [], errors: [] });
	});
});

describe('maskCode', () => {
	it('shows at most the last four characters and never more than half', () => {
		expect(maskCode('BIOS-QX2P-7F3K')).toBe('••••7F3K');
		expect(maskCode('ABCDEF')).toBe('••••DEF');
		expect(maskCode('AB')).toBe('••••B');
		expect(maskCode('A')).toBe('••••');
		expect(maskCode('KADO-ÆØÅ🎁')).toBe('••••ÆØÅ🎁');
	});
});

describe('parseVoucherCsv separators', () => {
	it('takes the separator from the first line, so a Dutch decimal comma stays in its cell', () => {
		const { codes, errors } = parseVoucherCsv('waarde;code\n12,50;AAAA\n7,50;BBBB\n');
		expect(errors).toEqual([]);
		expect(codes.map((c) => c.code)).toEqual(['AAAA', 'BBBB']);
		expect(parseVoucherCsv('code\tvalue\nAAAA\t1\n').codes).toEqual([{ line: 2, code: 'AAAA' }]);
	});
});

describe('parseVoucherCsv PINs', () => {
	it('reads a `pin` column beside the code; a PIN with invisible characters names its line', () => {
		const parsed = parseVoucherCsv('code;pin\nJUMB-1;4821\nJUMB-2;\nJUMB-3;12\u200b34\n');
		expect(parsed.codes).toEqual([
			{ line: 2, code: 'JUMB-1', pin: '4821' },
			{ line: 3, code: 'JUMB-2' }
		]);
		expect(parsed.errors.map((e) => e.line)).toEqual([4]);
	});
});

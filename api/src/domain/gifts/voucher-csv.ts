import { CsvError, parse } from 'csv-parse/sync';
import { msg, render, type MessageKey, type Param } from '../../messages/index.ts';
import type { MessageText } from '../errors.ts';

export const MAX_CODE_CHARS = 100;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export interface CsvLineError {
	/** 1-based line in the file. */
	line: number;
	/** In English; `text` is its code (not enumerable: the API's `lines` stay as they are). */
	message: string;
	readonly text: MessageText;
}

export function voucherLineError(
	line: number,
	key: MessageKey,
	params: Record<string, Param> = {}
): CsvLineError {
	const text = msg(key, { line, ...params });
	const error = { line, message: render(text, 'en') } as CsvLineError;
	Object.defineProperty(error, 'text', { value: text, enumerable: false });
	return error;
}

export interface ParsedVoucherCsv {
	codes: { line: number; code: string; pin?: string }[];
	errors: CsvLineError[];
}

/** One separator per file, read from its first line: a Dutch `12,50;CODE` must not split on the comma. */
function guessDelimiter(text: string): string {
	const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
	if (first.includes(';')) return ';';
	if (first.includes('\t')) return '\t';
	return ',';
}

/**
 * Voucher codes from a CSV: one code per line, or a header row with a `code` column and, for pools
 * that have them, a `pin` column (other columns ignored). Comma, semicolon (Dutch Excel) or tab separated (one of them per file); a BOM is fine; cells are trimmed and
 * NFC-normalised, blank lines skipped, any line ending (CRLF, LF, CR, even mixed). Codes are compared exactly (case matters). A code repeated in
 * the file is an error on every later line. Pure: the database check comes after.
 */
export function parseVoucherCsv(text: string): ParsedVoucherCsv {
	const input = text.replace(/\r\n?/g, '\n');
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(input, {
			bom: true,
			info: true,
			relax_column_count: true,
			skip_empty_lines: false,
			delimiter: guessDelimiter(input)
		}) as unknown as typeof records;
	} catch (error) {
		if (!(error instanceof CsvError)) throw error;
		const line = Number((error as CsvError & { lines?: number }).lines) || 1;
		return {
			codes: [],
			errors: [
				voucherLineError(
					line,
					error.code === 'CSV_QUOTE_NOT_CLOSED'
						? 'voucher_csv_quote_not_closed'
						: 'voucher_csv_unreadable'
				)
			]
		};
	}

	const codes: ParsedVoucherCsv['codes'] = [];
	const errors: CsvLineError[] = [];
	const firstLine = new Map<string, number>();
	let codeColumn: number | null = null;
	let pinColumn: number | null = null;
	let seenContent = false;
	let previousEnd = 0;

	for (const { record, info } of records) {
		// info.lines is where the record ends; a quoted line break makes it span several lines.
		const line = previousEnd + 1;
		previousEnd = info.lines;
		const cells = record.map((c) => c.normalize('NFC').trim());
		if (cells.every((c) => c === '')) continue;
		const fail = (key: MessageKey, params: Record<string, Param> = {}) =>
			errors.push(voucherLineError(line, key, params));

		if (!seenContent) {
			seenContent = true;
			const header = cells.findIndex((c) => c.toLowerCase() === 'code');
			if (header >= 0) {
				codeColumn = header;
				const pin = cells.findIndex((c) => c.toLowerCase() === 'pin');
				pinColumn = pin >= 0 ? pin : null;
				continue;
			}
		}

		let code: string;
		if (codeColumn !== null) {
			code = cells[codeColumn] ?? '';
			if (!code) {
				fail('voucher_csv_code_column_empty');
				continue;
			}
		} else {
			const values = cells.filter((c) => c !== '');
			if (values.length > 1) {
				fail('voucher_csv_more_than_one_value');
				continue;
			}
			code = values[0]!;
		}
		if (CONTROL.test(code)) {
			fail('voucher_csv_invisible_characters');
			continue;
		}
		if ([...code].length > MAX_CODE_CHARS) {
			fail('voucher_csv_code_too_long', { max: MAX_CODE_CHARS });
			continue;
		}
		const earlier = firstLine.get(code);
		if (earlier !== undefined) {
			fail('voucher_csv_same_code_as_line', { earlier });
			continue;
		}
		const pin = pinColumn === null ? '' : (cells[pinColumn] ?? '');
		if (CONTROL.test(pin) || [...pin].length > MAX_CODE_CHARS) {
			fail('voucher_csv_pin_unusable', { max: MAX_CODE_CHARS });
			continue;
		}
		firstLine.set(code, line);
		codes.push(pin ? { line, code, pin } : { line, code });
	}
	return { codes, errors };
}

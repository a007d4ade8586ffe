/**
 * CSV for people's spreadsheets and carriers' upload forms (RFC 4180, CRLF). Text that a
 * spreadsheet would run as a formula — a leading `=`, `+`, `-`, `@`, tab or carriage return
 * (OWASP), and also a leading line feed or NUL, which csv-stringify's `escape_formulas` misses —
 * is defused with a leading apostrophe. Control characters never belong in a cell: each run
 * becomes one space, so a cell is always one line.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const FORMULA_START = /^[=+\-@]/;

/** One text cell, safe to open in a spreadsheet. */
export function safeCell(value: string): string {
	const flat = value.replace(CONTROLS, ' ').trim();
	return FORMULA_START.test(flat) ? `'${flat}` : flat;
}

function quote(cell: string): string {
	return /[",;]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Header and rows as CSV text; strings go through safeCell, numbers are written as they are. */
export function toCsv(
	header: readonly string[],
	rows: readonly (readonly (string | number | null)[])[]
): string {
	const line = (cells: readonly (string | number | null)[]) =>
		cells.map((c) => (typeof c === 'number' ? String(c) : quote(safeCell(c ?? '')))).join(',');
	return [header, ...rows].map(line).join('\r\n') + '\r\n';
}

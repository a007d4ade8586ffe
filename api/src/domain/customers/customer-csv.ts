import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError, type MessageText, rowError, type RowError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { foldHandle } from '../text.ts';
import { channelLabels, channels, type Channel } from './handles.ts';
import { CreateCustomerInput } from './schemas.ts';
import { issueField } from '../../messages/zod.ts';

/**
 * The customer CSV (import and preview). First line is the header; column names are matched
 * without regard to case, spaces or hyphens, in any order; only `name` is required.
 *
 *   name                 the customer's name (required)
 *   email                their email address: stored as the customer's email AND as their email handle
 *   locale               nl or en (default nl)
 *   notes                internal notes
 *   x (or twitter), facebook, instagram, linkedin, tiktok, youtube, whatsapp   one handle per channel
 *   followers_<channel> for each public channel (not whatsapp)              whole numbers ≥ 0
 *
 * Separator: comma, semicolon (Dutch Excel) or tab, detected from the header line. UTF-8, with or
 * without BOM. Blank rows are skipped. Line numbers are those of the file (header = line 1).
 */
/** Channels with public follower counts: every one on a public site (not WhatsApp, not email). */
const PUBLIC_CHANNELS = channels.filter((c) => c !== 'whatsapp' && c !== 'email');
type FollowerColumn = `followers_${Channel}`;
export type CsvColumn = 'name' | 'locale' | 'notes' | Channel | FollowerColumn;
/** One handle column per channel (from the channel set), then the follower counts. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
	'name',
	'email',
	'locale',
	'notes',
	...channels.filter((c) => c !== 'email'),
	...PUBLIC_CHANNELS.map((c): FollowerColumn => `followers_${c}`)
];

const ALIASES: Record<string, CsvColumn> = {
	twitter: 'x',
	followers_twitter: 'followers_x',
	e_mail: 'email'
};
const HANDLE_COLUMNS: [Channel, CsvColumn][] = channels.map((c) => [c, c]);
const FOLLOWER_COLUMNS: Partial<Record<Channel, CsvColumn>> = Object.fromEntries(
	PUBLIC_CHANNELS.map((c) => [c, `followers_${c}`])
);

export const MAX_CSV_ROWS = 20_000;

/** One row's problem (English `message`, its code in `text`). */
export type CsvRowError = RowError;

export interface ParsedCsvRow {
	line: number;
	values: Partial<Record<CsvColumn, string>>;
	/** The validated customer, when the row has no errors. */
	customer: CreateCustomerInput | null;
	errors: CsvRowError[];
}

function fileError(message: MessageText): never {
	throw new ValidationError(message, [{ field: 'csv', message }]);
}

/** The separator used most in the header line (outside quotes): comma, semicolon or tab. */
export function detectDelimiter(csv: string): string {
	const firstLine = csv
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/, 1)[0]!
		.replace(/"[^"]*"/g, '');
	const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
	const [best] = [...counts].sort((a, b) => b[1] - a[1]);
	return best && best[1] > 0 ? best[0] : ',';
}

function columnOf(header: string): string {
	const key = header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return ALIASES[key] ?? key;
}

/**
 * Reads and validates every row (names, handles, followers, duplicates within the file) without
 * touching the database. A file that cannot be read at all (no name column, unknown columns, broken
 * quotes, too many rows) throws a ValidationError on the field `csv`.
 */
export function parseCustomerCsv(csv: string): ParsedCsvRow[] {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(csv, {
			bom: true,
			info: true,
			relax_column_count: true,
			delimiter: detectDelimiter(csv)
		}) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError) {
			const line = (error as CsvError & { lines?: number }).lines;
			const reason = error.message.replace(/^.*?: /, '');
			fileError(
				line ? msg('csv_not_valid_at_line', { line, reason }) : msg('csv_not_valid', { reason })
			);
		}
		throw error;
	}
	const [header, ...body] = records;
	if (!header || header.record.every((cell) => !cell.trim()))
		fileError(msg('customer_csv_no_header'));

	const columns = header.record.map(columnOf);
	const unknown = columns.filter((c) => c && !(CSV_COLUMNS as readonly string[]).includes(c));
	if (unknown.length)
		fileError(
			msg(unknown.length > 1 ? 'csv_unknown_columns' : 'csv_unknown_column', {
				columns: unknown.map((c) => `"${c}"`).join(', '),
				known: CSV_COLUMNS.join(', ')
			})
		);
	const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
	if (repeated.length) fileError(msg('column_appears_twice', { column: repeated[0]! }));
	if (!columns.includes('name'))
		fileError(msg('customer_csv_no_name_column', { known: CSV_COLUMNS.join(', ') }));
	if (body.length > MAX_CSV_ROWS) fileError(msg('csv_too_many_rows', { max: MAX_CSV_ROWS }));

	const rows: ParsedCsvRow[] = [];
	const firstLineOf = new Map<string, number>();
	let previousEnd = header.info.lines;
	for (const { record, info } of body) {
		const line = previousEnd + 1;
		previousEnd = info.lines;
		if (record.every((cell) => !cell.trim())) continue;

		const values: Partial<Record<CsvColumn, string>> = {};
		columns.forEach((column, i) => {
			const cell = record[i]?.trim();
			if (column && cell) values[column as CsvColumn] = cell;
		});
		const errors: CsvRowError[] = [];
		const addError = (field: string, message: MessageText) => {
			if (!errors.some((e) => e.field === field)) errors.push(rowError(line, field, message));
		};
		if (record.slice(columns.length).some((cell) => cell.trim())) {
			addError('row', msg('csv_row_cell_count', { cells: record.length, columns: columns.length }));
		}

		const handleColumns: CsvColumn[] = [];
		const handles: { channel: Channel; handle: string; followers: number }[] = [];
		for (const [channel, column] of HANDLE_COLUMNS) {
			const handle = values[column];
			const followersColumn = FOLLOWER_COLUMNS[channel];
			const followersText = followersColumn ? values[followersColumn] : undefined;
			let followers = 0;
			if (followersText !== undefined) {
				if (!/^\d{1,10}$/.test(followersText))
					addError(followersColumn!, 'csv_followers_whole_number');
				else followers = Number(followersText);
				if (!handle)
					addError(
						followersColumn!,
						msg('csv_followers_without_handle', { channel: channelLabels[channel] })
					);
			}
			if (handle) {
				handles.push({ channel, handle, followers });
				handleColumns.push(column);
			}
		}

		const parsed = CreateCustomerInput.safeParse({
			name: values.name ?? '',
			email: values.email ?? null,
			locale: values.locale?.toLowerCase(),
			notes: values.notes,
			handles
		});
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const [first, index, key] = issue.path;
				if (first === 'handles' && typeof index === 'number') {
					const channel = handles[index]!.channel;
					addError(
						key === 'followers'
							? (FOLLOWER_COLUMNS[channel] ?? handleColumns[index]!)
							: handleColumns[index]!,
						issueField(issue)
					);
				} else {
					addError(typeof first === 'string' ? first : 'row', issueField(issue));
				}
			}
		}

		let customer = parsed.success ? parsed.data : null;
		if (customer) {
			customer.handles.forEach((h, i) => {
				const key = `${h.channel}:${foldHandle(h.handle)}`;
				const seenAt = firstLineOf.get(key);
				if (seenAt !== undefined)
					addError(
						handleColumns[i]!,
						msg('csv_same_handle_as_line', { channel: channelLabels[h.channel], line: seenAt })
					);
				else firstLineOf.set(key, line);
			});
		}
		if (errors.length) customer = null;
		rows.push({ line, values, customer, errors });
	}
	return rows;
}

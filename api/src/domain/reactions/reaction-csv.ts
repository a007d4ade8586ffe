import { CsvError, parse } from 'csv-parse/sync';
import { detectDelimiter } from '../customers/customer-csv.ts';
import { ValidationError, type MessageText, rowError, type RowError } from '../errors.ts';
import { LogReactionInput } from './schemas.ts';
import { msg } from '../../messages/index.ts';
import { issueField } from '../../messages/zod.ts';

/**
 * The reaction CSV (preview and import), as the webcare inbox or a spreadsheet exports it. First
 * line is the header; names matched without regard to case, spaces or hyphens, in any order.
 *
 *   url           link to the post (finds or creates the customer by handle; one reaction per link)
 *   customer_id   or: the customer's id
 *   handle        or: their handle / profile link (with channel, or on the link's channel)
 *   channel       x, facebook, instagram, linkedin, whatsapp, email
 *   name          name for a customer created from the link
 *   text          what they wrote
 *   posted_at     2026-11-20T14:05:00+01:00, or 2026-11-20 14:05 / 20-11-2026 14:05 (Amsterdam time) (required)
 *   kind          post, review, photo_video, comment, share (default post)
 *   sentiment     positive, neutral, negative (default: the suggestion)
 *   likes, shares, comments, followers     whole numbers ≥ 0
 *   surprise      the surprise it is about: its reference (HOP-00042) or id
 *
 * Separator comma, semicolon or tab; UTF-8 with or without BOM; blank rows skipped; line numbers
 * are the file's (header = line 1).
 */
export const REACTION_CSV_COLUMNS = [
	'url',
	'customer_id',
	'handle',
	'channel',
	'name',
	'text',
	'posted_at',
	'kind',
	'sentiment',
	'likes',
	'shares',
	'comments',
	'followers',
	'surprise'
] as const;
export type ReactionCsvColumn = (typeof REACTION_CSV_COLUMNS)[number];

const ALIASES: Record<string, ReactionCsvColumn> = {
	link: 'url',
	post_url: 'url',
	customer: 'customer_id',
	customerid: 'customer_id',
	customer_name: 'name',
	message: 'text',
	posted: 'posted_at',
	postedat: 'posted_at',
	date: 'posted_at',
	datum: 'posted_at',
	tekst: 'text',
	surprise_id: 'surprise',
	reference: 'surprise'
};
export const MAX_REACTION_CSV_ROWS = 5000;

/** Input field → CSV column, for errors. */
const COLUMN_OF_FIELD: Record<string, ReactionCsvColumn> = {
	url: 'url',
	customerId: 'customer_id',
	handle: 'handle',
	channel: 'channel',
	customerName: 'name',
	text: 'text',
	postedAt: 'posted_at',
	kind: 'kind',
	sentiment: 'sentiment',
	likes: 'likes',
	shares: 'shares',
	comments: 'comments',
	followers: 'followers',
	surpriseId: 'surprise'
};
export const columnOfField = (field: string): string =>
	COLUMN_OF_FIELD[field.split('.')[0]!] ?? 'row';

/** One row's problem (English `message`, its code in `text`). */
export type CsvRowError = RowError;
export interface ParsedReactionRow {
	line: number;
	values: Partial<Record<ReactionCsvColumn, string>>;
	/** The validated input (without the surprise, resolved later), when the row has no errors. */
	input: LogReactionInput | null;
	/** The `surprise` cell: a reference or an id. */
	surprise: string | null;
	errors: CsvRowError[];
}

function fileError(message: MessageText): never {
	throw new ValidationError(message, [{ field: 'csv', message }]);
}

function columnOf(header: string): string {
	const key = header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return ALIASES[key] ?? key;
}

/** Reads and validates every row without touching the database; unreadable files throw on `csv`. */
export function parseReactionCsv(csv: string): ParsedReactionRow[] {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(csv, {
			bom: true,
			info: true,
			relax_column_count: true,
			delimiter: detectDelimiter(csv)
		}) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError)
			fileError(msg('csv_not_valid', { reason: error.message.replace(/^.*?: /, '') }));
		throw error;
	}
	const [header, ...body] = records;
	if (!header || header.record.every((cell) => !cell.trim())) fileError('reaction_csv_no_header');
	const columns = header.record.map(columnOf);
	const unknown = columns.filter(
		(c) => c && !(REACTION_CSV_COLUMNS as readonly string[]).includes(c)
	);
	if (unknown.length)
		fileError(
			msg(unknown.length > 1 ? 'csv_unknown_columns' : 'csv_unknown_column', {
				columns: unknown.map((c) => `"${c}"`).join(', '),
				known: REACTION_CSV_COLUMNS.join(', ')
			})
		);
	const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
	if (repeated.length) fileError(msg('csv_column_twice', { column: repeated[0]! }));
	if (!columns.includes('posted_at')) fileError('reaction_csv_no_posted_at');
	if (!columns.includes('url') && !columns.includes('customer_id') && !columns.includes('handle')) {
		fileError('reaction_csv_no_author_column');
	}
	if (body.length > MAX_REACTION_CSV_ROWS)
		fileError(msg('csv_too_many_rows', { max: MAX_REACTION_CSV_ROWS }));

	const rows: ParsedReactionRow[] = [];
	let previousEnd = header.info.lines;
	for (const { record, info } of body) {
		const line = previousEnd + 1;
		previousEnd = info.lines;
		if (record.every((cell) => !cell.trim())) continue;
		const values: Partial<Record<ReactionCsvColumn, string>> = {};
		columns.forEach((column, i) => {
			// Text keeps its inner line breaks; cells are trimmed.
			const cell = record[i]?.trim();
			if (column && cell) values[column as ReactionCsvColumn] = cell;
		});
		const errors: CsvRowError[] = [];
		const addError = (field: string, message: MessageText) => {
			if (!errors.some((e) => e.field === field)) errors.push(rowError(line, field, message));
		};
		if (record.slice(columns.length).some((cell) => cell.trim())) {
			addError('row', msg('csv_row_cell_count', { cells: record.length, columns: columns.length }));
		}
		const counts: Record<string, number | undefined> = {};
		for (const column of ['likes', 'shares', 'comments', 'followers'] as const) {
			const text = values[column];
			if (text === undefined) continue;
			if (/^\d{1,10}$/.test(text)) counts[column] = Number(text);
			else addError(column, 'csv_whole_number');
		}
		const parsed = LogReactionInput.safeParse({
			url: values.url,
			customerId: values.customer_id,
			handle: values.handle,
			channel: values.channel?.toLowerCase(),
			customerName: values.name,
			text: values.text ?? '',
			postedAt: values.posted_at ?? '',
			kind: values.kind?.toLowerCase().replace(/[\s-]+/g, '_'),
			sentiment: values.sentiment?.toLowerCase(),
			...counts
		});
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				addError(columnOfField(String(issue.path[0] ?? 'row')), issueField(issue));
		}
		rows.push({
			line,
			values,
			input: parsed.success && errors.length === 0 ? parsed.data : null,
			surprise: values.surprise ?? null,
			errors
		});
	}
	return rows;
}
